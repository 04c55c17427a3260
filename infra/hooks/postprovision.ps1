# azd postprovision (Windows): same as postprovision.sh. Writes local.settings.json for Core Tools from
# local.settings.sample.json, the local stack's .local/stack.env and this provision's non-secret outputs.
$ErrorActionPreference = 'Stop'
$repo = Resolve-Path (Join-Path $PSScriptRoot '../..')
$target = Join-Path $repo 'local.settings.json'
$sample = Join-Path $repo 'local.settings.sample.json'
$stackEnv = Join-Path $repo '.local/stack.env'

if (Test-Path $target) {
    Write-Host 'local.settings.json exists; leaving it alone (delete it to regenerate).'
    exit 0
}

$stack = @{}
if (Test-Path $stackEnv) {
    foreach ($line in Get-Content $stackEnv) {
        $eq = $line.IndexOf('=')
        if ($eq -gt 0) { $stack[$line.Substring(0, $eq)] = $line.Substring($eq + 1) }
    }
}

$settings = Get-Content $sample -Raw | ConvertFrom-Json
foreach ($key in 'ConnectionStrings__Postgres', 'ConnectionStrings__Redis', 'ConnectionStrings__StatementStorage', 'Auth__SigningKey') {
    if ($stack.ContainsKey($key) -and $stack[$key]) { $settings.Values.$key = $stack[$key] }
}
if ($env:APPLICATIONINSIGHTS_CONNECTION_STRING) {
    $settings.Values.APPLICATIONINSIGHTS_CONNECTION_STRING = $env:APPLICATIONINSIGHTS_CONNECTION_STRING
}
$settings | ConvertTo-Json -Depth 5 | Set-Content -Path $target -Encoding utf8
Write-Host 'Wrote local.settings.json.'
