#!/bin/sh
# azd postdeploy: subscribe the statements container's BlobCreated events to the Event Grid blob trigger
# (ProcessStatementBlob). It needs the app's blobs_extension system key, which exists only once the deployed host
# has loaded the blob extension, hence after deploy and with a short wait. Idempotent: create updates in place.
set -eu
: "${AZURE_RESOURCE_GROUP:?run through azd (azd deploy) or export the azd environment}"
: "${AZURE_FUNCTION_NAME:?}"
: "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?}"
function_name="ProcessStatementBlob"
container="statements"

key=""
for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do
  key="$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_NAME" --query systemKeys.blobs_extension -o tsv 2>/dev/null || true)"
  [ -n "$key" ] && break
  echo "Waiting for the blobs_extension key (the host is starting)..."
  sleep 10
done
[ -n "$key" ] || { echo "No blobs_extension key on $AZURE_FUNCTION_NAME; is ProcessStatementBlob deployed?" >&2; exit 1; }

host="$(az functionapp show -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_NAME" --query defaultHostName -o tsv)"
az eventgrid system-topic event-subscription create \
  --name "statements-to-$function_name" \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" \
  --endpoint-type webhook \
  --endpoint "https://$host/runtime/webhooks/blobs?functionName=Host.Functions.$function_name&code=$key" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with "/blobServices/default/containers/$container/blobs/" \
  --max-delivery-attempts 10 \
  --event-ttl 1440 \
  --output none
echo "Event Grid: $container BlobCreated -> $function_name"
