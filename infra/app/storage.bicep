// The app's storage account: Functions host storage (AzureWebJobsStorage through the managed identity), the
// Durable Functions task hub's queues and tables, the statements containers and the deployment package.
// Shared-key access is off, so nothing can reach it with an account key or SAS: only Entra identities with a role.
import { settings } from 'diagnostics.bicep'

param name string
param location string
param tags object
param logAnalyticsId string
param deploymentContainerName string
@description('Durable task hub name (TASKHUB_NAME): letters and digits.')
param taskHubName string
@description('Control-queue partitions of the Durable Azure Storage provider (host.json partitionCount; default 4).')
param durablePartitionCount int = 4

// BlobPaths.StatementsContainer and BlobPaths.PoisonContainer in Scale.Functions.
var statementContainers = ['statements', 'statements-poison']
// The Durable Azure Storage provider's names: lower-case queues, the hub name as given for tables.
var hub = toLower(taskHubName)
var durableQueues = concat(['${hub}-workitems'], map(range(0, durablePartitionCount), i => '${hub}-control-${padLeft(i, 2, '0')}'))
var durableTables = ['${taskHubName}History', '${taskHubName}Instances', '${taskHubName}Partitions']

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: { enabled: true, keyType: 'Account' }
        file: { enabled: true, keyType: 'Account' }
        queue: { enabled: true, keyType: 'Account' }
        table: { enabled: true, keyType: 'Account' }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    // A statement deleted by mistake (or by a bad deploy) can be brought back for a week.
    deleteRetentionPolicy: { enabled: true, days: 7 }
    containerDeleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in concat([deploymentContainerName], statementContainers): {
    parent: blobService
    name: container
    properties: { publicAccess: 'None' }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queue in durableQueues: {
    parent: queueService
    name: queue
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for table in durableTables: {
    parent: tableService
    name: table
  }
]

// The account itself has metrics only; its logs are per service.
resource accountDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account
  properties: settings(logAnalyticsId, false)
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: settings(logAnalyticsId, true)
}

resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: queueService
  properties: settings(logAnalyticsId, true)
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: settings(logAnalyticsId, true)
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
