// The Function App: Flex Consumption (FC1), Linux, .NET 10 isolated, user-assigned identity everywhere.
//
// Why Flex Consumption rather than Elastic Premium: scale to zero between uses (a personal-finance API is bursty:
// evenings, statement days), per-instance concurrency for HTTP, always-ready instances available if cold starts
// ever matter, VNet integration when we need it, and identity-based deployment storage (no shared keys anywhere).
// Its constraints, and what we did about them: no container polling blob trigger (we use the Event Grid source),
// no deployment slots (staging is a separate azd environment), dynamic outbound IPs (Postgres/Redis accept Azure
// traffic by firewall rule; move to VNet integration + private endpoints when the traffic justifies it).
param name string
param location string
param tags object
param storageAccountName string
param deploymentContainerName string
param identityId string
param identityClientId string
param applicationInsightsName string
param appSettings object

@description('Flex Consumption: 512, 2048 or 4096. Statement parsing (XLSX) and in-process classification like memory.')
param instanceMemoryMB int = 2048
param maximumInstanceCount int = 40

resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

module plan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'plan'
  params: {
    name: 'plan-${name}'
    location: location
    tags: tags
    sku: { name: 'FC1', tier: 'FlexConsumption' }
    reserved: true
  }
}

var hostSettings = {
  // Host storage (leases, blob receipts, timers, Durable's queues and tables) through the identity.
  AzureWebJobsStorage__blobServiceUri: stg.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: stg.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: stg.properties.primaryEndpoints.table
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  // The host sends its telemetry with Entra auth (Monitoring Metrics Publisher on the component).
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

module site 'br/public:avm/res/web/site:0.15.1' = {
  name: 'site'
  params: {
    kind: 'functionapp,linux'
    name: name
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    serverFarmResourceId: plan.outputs.resourceId
    httpsOnly: true
    managedIdentities: {
      systemAssigned: false
      userAssignedResourceIds: [identityId]
    }
    // Key Vault references (ConnectionStrings__Postgres, __Redis, Auth__SigningKey) resolve with this identity.
    keyVaultAccessIdentityResourceId: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${stg.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      // .NET 10 isolated is GA on Functions v4. If a region's Flex stack list lacks it
      // (`az functionapp list-flexconsumption-runtimes --location <region> --runtime dotnet-isolated`), use '9.0'
      // and target net9.0 for the Functions build until it lands.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      alwaysOn: false
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // No platform CORS: the pipeline's allow-list (Cors__AllowedOrigins) answers preflights itself.
    }
    appSettingsKeyValuePairs: union(appSettings, hostSettings)
  }
}

resource deployed 'Microsoft.Web/sites@2023-12-01' existing = {
  name: name
}

output name string = site.outputs.name
// Read after the module has run (outputs are evaluated at the end of the deployment).
output defaultHostName string = deployed.properties.defaultHostName
