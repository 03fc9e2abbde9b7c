# Build the Windows installer of the xaapp desktop app, from the project folder or anywhere:
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs Python 3.11+ (64-bit, from python.org, with the py launcher) and Inno Setup 6.5 or later (for its
# Vietnamese messages). Steps: a clean venv (build\windows\venv: the desktop's dependencies and PyInstaller,
# never the server's or the tests') -> translations -> PyInstaller (packaging\pyinstaller\xaapp.spec, the same
# spec as Linux) -> a smoke test of the built folder (xaapp-cli --version, a demo commune, db check, a PDF list)
# -> Inno Setup -> build\windows\xaapp-<version>-setup.exe. Everything it writes is under build\windows\.
# Written for Windows PowerShell 5.1 and PowerShell 7.
param(
    [string]$Python = "py",
    [string[]]$PythonArgs = @("-3.11"),
    [string]$Iscc = ""
)
$ErrorActionPreference = "Stop"

function Invoke-Step([string]$What, [string]$Exe, [string[]]$Arguments) {
    Write-Host "== $What"
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit status $LASTEXITCODE): $Exe $($Arguments -join ' ')" }
}

$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root
$Out = Join-Path $Root "build\windows"
$Venv = Join-Path $Out "venv"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
New-Item -ItemType Directory -Force -Path $Out | Out-Null

if (-not (Test-Path $VenvPython)) {
    Invoke-Step "venv" $Python ($PythonArgs + @("-m", "venv", $Venv))
}
Invoke-Step "pip install (desktop + PyInstaller)" $VenvPython @("-m", "pip", "install", "-q", "--disable-pip-version-check", "-e", ".[packaging]")
$Version = (& $VenvPython -c "import xaapp; print(xaapp.__version__)").Trim()
if ($LASTEXITCODE -ne 0 -or -not $Version) { throw "cannot read the version of xaapp" }

Invoke-Step "translations" $VenvPython @("tools\build_translations.py")
$Dist = Join-Path $Out "dist"
if (Test-Path $Dist) { Remove-Item -Recurse -Force $Dist }
Invoke-Step "PyInstaller" (Join-Path $Venv "Scripts\pyinstaller.exe") @(
    "--noconfirm", "--log-level", "WARN", "--workpath", (Join-Path $Out "work"), "--distpath", $Dist,
    "packaging\pyinstaller\xaapp.spec")
$Bundle = Join-Path $Dist "xaapp-$Version"

# Smoke test of the built folder, through the console executable.
$Cli = Join-Path $Bundle "xaapp-cli.exe"
$Smoke = Join-Path $Out "smoke"
if (Test-Path $Smoke) { Remove-Item -Recurse -Force $Smoke }
$Said = (& $Cli --version | Out-String).Trim()
if ($LASTEXITCODE -ne 0 -or $Said -ne "xaapp $Version") { throw "xaapp-cli --version printed '$Said'" }
Invoke-Step "demo commune" $Cli @("demo", "--data-dir", $Smoke, "--households", "50")
$Check = (& $Cli db check --data-dir $Smoke | Out-String).Trim()
if ($LASTEXITCODE -ne 0 -or $Check -ne "ok") { throw "xaapp-cli db check printed '$Check'" }
$Pdf = Join-Path $Out "smoke-posting.pdf"
Invoke-Step "PDF list" $Cli @("export", "--data-dir", $Smoke, "--list", "posting", "--year", "2026", "--format", "pdf", "-o", $Pdf)
if (-not (Test-Path $Pdf) -or (Get-Item $Pdf).Length -lt 1000) { throw "no PDF list was written" }
$Size = (Get-ChildItem -Recurse -File $Bundle | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("   bundle: {0:N0} MiB; xaapp-cli --version, demo, db check and a PDF list passed" -f $Size)

if (-not $Iscc) {
    $Found = Get-Command iscc.exe -ErrorAction SilentlyContinue
    if ($Found) { $Iscc = $Found.Source }
    else {
        foreach ($Dir in @("${env:ProgramFiles(x86)}\Inno Setup 6", "$env:ProgramFiles\Inno Setup 6", "$env:LOCALAPPDATA\Programs\Inno Setup 6")) {
            if (Test-Path (Join-Path $Dir "ISCC.exe")) { $Iscc = Join-Path $Dir "ISCC.exe"; break }
        }
    }
}
if (-not $Iscc -or -not (Test-Path $Iscc)) { throw "Inno Setup 6.5+ not found: install it, or pass -Iscc C:\path\to\ISCC.exe" }
if (-not (Test-Path (Join-Path (Split-Path $Iscc) "Languages\Vietnamese.isl"))) {
    throw "This Inno Setup has no Languages\Vietnamese.isl: install Inno Setup 6.5 or later"
}
Invoke-Step "Inno Setup" $Iscc @("/Q", "/DAppVersion=$Version", "/DDistDir=$Bundle", "/O$Out", "packaging\windows\xaapp.iss")
Write-Host "== built $(Join-Path $Out "xaapp-$Version-setup.exe")"
