// Blob-created events of the storage account, for the function's Event Grid blob trigger (Flex Consumption has no
// polling blob trigger). The subscription needs the deployed app's blobs_extension key, so infra/hooks/postdeploy.*
// adds it after deploy.
import { settings } from 'diagnostics.bicep'

param name string
param location string
param tags object
param logAnalyticsId string
param storageAccountId string

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storageAccountId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource topicDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: topic
  properties: settings(logAnalyticsId, true)
}

output name string = topic.name
