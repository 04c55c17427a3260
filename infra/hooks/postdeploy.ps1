# azd postdeploy (Windows): same as postdeploy.sh. Subscribes the statements container's BlobCreated events to the
# Event Grid blob trigger ProcessStatementBlob, once the deployed host exposes its blobs_extension key.
$ErrorActionPreference = 'Stop'
foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_NAME', 'AZURE_EVENTGRID_SYSTEM_TOPIC_NAME') {
    if (-not (Get-Item "env:$name" -ErrorAction SilentlyContinue)) { throw "$name is not set; run through azd deploy." }
}
$functionName = 'ProcessStatementBlob'
$container = 'statements'

$key = ''
for ($i = 0; $i -lt 12 -and -not $key; $i++) {
    $key = az functionapp keys list -g $env:AZURE_RESOURCE_GROUP -n $env:AZURE_FUNCTION_NAME --query systemKeys.blobs_extension -o tsv 2>$null
    if (-not $key) { Write-Host 'Waiting for the blobs_extension key (the host is starting)...'; Start-Sleep -Seconds 10 }
}
if (-not $key) { throw "No blobs_extension key on $($env:AZURE_FUNCTION_NAME); is $functionName deployed?" }

$hostName = az functionapp show -g $env:AZURE_RESOURCE_GROUP -n $env:AZURE_FUNCTION_NAME --query defaultHostName -o tsv
az eventgrid system-topic event-subscription create `
    --name "statements-to-$functionName" `
    --resource-group $env:AZURE_RESOURCE_GROUP `
    --system-topic-name $env:AZURE_EVENTGRID_SYSTEM_TOPIC_NAME `
    --endpoint-type webhook `
    --endpoint "https://$hostName/runtime/webhooks/blobs?functionName=Host.Functions.$functionName&code=$key" `
    --included-event-types Microsoft.Storage.BlobCreated `
    --subject-begins-with "/blobServices/default/containers/$container/blobs/" `
    --max-delivery-attempts 10 `
    --event-ttl 1440 `
    --output none
if ($LASTEXITCODE -ne 0) { throw 'Event Grid subscription failed.' }
Write-Host "Event Grid: $container BlobCreated -> $functionName"
