; Inno Setup script of the Windows installer (Inno Setup 6.5 or later: its official languages include
; Vietnamese.isl). packaging\windows\build.ps1 builds the PyInstaller folder and then runs:
;   iscc /DAppVersion=<version> /DDistDir=<folder> /O<output folder> packaging\windows\xaapp.iss
; Relative paths below are relative to this file.
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=0.1.0 packaging\windows\xaapp.iss
#endif
#ifndef DistDir
  #define DistDir "..\..\build\windows\dist\xaapp-" + AppVersion
#endif

[Setup]
AppId={{5E0F3C1A-6D0B-4E4B-9C1E-2F6A8D0B7A11}
AppName=xaapp
AppVersion={#AppVersion}
AppVerName=xaapp {#AppVersion}
AppPublisher=xaapp
DefaultDirName={autopf}\xaapp
DefaultGroupName=xaapp
DisableProgramGroupPage=yes
; Installs for the officer alone, without administrator rights (into %LOCALAPPDATA%\Programs\xaapp).
PrivilegesRequired=lowest
; The PyInstaller bundle is 64-bit.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\build\windows
OutputBaseFilename=xaapp-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\xaapp.ico
UninstallDisplayIcon={app}\xaapp.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Data stays in %LOCALAPPDATA%\xaapp: uninstalling never deletes a commune's records.

[Languages]
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
; xaapp.exe (the window) and xaapp-cli.exe (the same program in a console), with _internal\.
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[InstallDelete]
; An older version's files that this one no longer ships would otherwise stay and could be loaded.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\xaapp"; Filename: "{app}\xaapp.exe"
Name: "{autodesktop}\xaapp"; Filename: "{app}\xaapp.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\xaapp.exe"; Description: "{cm:LaunchProgram,xaapp}"; Flags: postinstall nowait skipifsilent
