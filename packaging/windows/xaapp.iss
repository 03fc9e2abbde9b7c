; Inno Setup script for the Windows installer. Build the PyInstaller folder on Windows first
; (packaging/README.md), then:  iscc packaging\windows\xaapp.iss /DAppVersion=0.1.0
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{5E0F3C1A-6D0B-4E4B-9C1E-2F6A8D0B7A11}
AppName=xaapp
AppVersion={#AppVersion}
AppPublisher=xaapp
DefaultDirName={autopf}\xaapp
DefaultGroupName=xaapp
PrivilegesRequired=lowest
OutputBaseFilename=xaapp-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
; Data stays in %LOCALAPPDATA%\xaapp: uninstalling never deletes a commune's records.

[Languages]
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\xaapp-{#AppVersion}\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\xaapp"; Filename: "{app}\xaapp.exe"
Name: "{autodesktop}\xaapp"; Filename: "{app}\xaapp.exe"

[Run]
Filename: "{app}\xaapp.exe"; Description: "Mở xaapp / Start xaapp"; Flags: postinstall nowait skipifsilent
