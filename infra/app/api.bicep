// The Function App: Flex Consumption (FC1), Linux, .NET 10 isolated, with a system-assigned identity that reaches
// storage (host, Durable task hub, statements, deployment package), Key Vault references and Application Insights.
//
// Why Flex Consumption rather than Elastic Premium: scale to zero between uses (a personal-finance API is bursty:
// evenings, statement days), per-instance concurrency for HTTP, always-ready instances if cold starts ever matter,
// VNet integration when we need it, identity-based deployment storage. What it costs: no polling blob trigger (we
// use the Event Grid source), no deployment slots (staging is its own azd environment), dynamic outbound IPs.
import { settings } from 'diagnostics.bicep'

param name string
param location string
param tags object
param logAnalyticsId string
param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerName string
param applicationInsightsName string
@description('App settings the app reads (local.settings.sample.json); secrets only as Key Vault references.')
param appSettings object
@description('Browser origins the platform CORS layer allows (the same list as Cors__AllowedOrigins).')
param corsAllowedOrigins array

@description('Flex Consumption: 512, 2048 or 4096. Statement parsing (XLSX) and in-process classification like memory.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

var hostSettings = {
  // Host storage (leases, blob receipts, timers, Durable's queues and tables) through the system identity.
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  // The host sends its telemetry with Entra auth (Monitoring Metrics Publisher on the component).
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    // Key Vault references resolve with the system-assigned identity (the default when this is 'SystemAssigned').
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      cors: { allowedOrigins: corsAllowedOrigins, supportCredentials: false }
    }
  }
}

// The whole settings object at once (a child resource takes an object; siteConfig.appSettings wants a list).
resource siteSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, hostSettings)
}

// No basic-auth publishing (FTP or SCM): deploys use Entra tokens only.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: { allow: false }
}

resource planDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: plan
  properties: settings(logAnalyticsId, false)
}

resource siteDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: settings(logAnalyticsId, true)
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output principalId string = site.identity.principalId
