// SCALE on Azure: one resource group per azd environment (staging, production).
// Reviewed by eye (no Bicep CLI where it was written): keep each module small and obvious.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name (e.g. scale-staging, scale-prod); used for names, tags and the task hub.')
param environmentName string

@minLength(1)
@description('Region for everything. Central India first: the product serves Indian retail banking customers.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of a developer or CI principal that may read Key Vault secrets and use the storage account (optional).')
param principalId string = ''

@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('Where alerts go.')
param alertEmail string

@description('Comma-separated exact browser origins (Cors__AllowedOrigins).')
param corsAllowedOrigins string

@description('JWT issuer the API requires (Auth__Issuer); empty to skip the check.')
param authIssuer string = ''

@description('JWT audience the API requires (Auth__Audience); empty to skip the check.')
param authAudience string = ''

@description('JWKS URL for RS256/ES256 tokens (Auth__JwksUrl); empty when an HS256 secret or an authority is used.')
param authJwksUrl string = ''

@description('OpenID authority for RS256/ES256 tokens (Auth__Authority); empty when not used.')
param authAuthority string = ''

@secure()
@description('HS256 shared secret (Supabase style, >= 32 bytes). Stored in Key Vault; empty when only JWKS/authority is used.')
param authSigningKey string = ''

@secure()
@description('Key for the HMAC on list cursors (Pagination__CursorKey). Stored in Key Vault; azd generates and reuses it.')
param paginationCursorKey string

@secure()
@description('Postgres administrator password. Stored in Key Vault; azd generates and reuses it (main.parameters.json).')
param postgresAdminPassword string

@description('Postgres Flexible Server SKU: Burstable B1ms for staging, General Purpose for production.')
param postgresSkuName string = 'Standard_B1ms'

@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param postgresTier string = 'Burstable'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-api-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
// Durable task hub names: letters and digits only, 3-45 characters.
var taskHubName = take('scale${replace(replace(environmentName, '-', ''), '_', '')}', 45)

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

// The app's one identity: storage (AzureWebJobsStorage, statements, deployment package), Key Vault references,
// Application Insights (Entra-authenticated host telemetry).
module identity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'br/public:avm/ptn/azd/monitoring:0.1.0' = {
  name: 'monitoring'
  scope: rg
  params: {
    applicationInsightsName: 'appi-${resourceToken}'
    logAnalyticsName: 'log-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // identity only: no account keys, no SAS
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
    blobServices: {
      containers: [
        { name: deploymentContainerName }
        { name: 'statements' } // BlobPaths.StatementsContainer
        { name: 'statements-poison' } // BlobPaths.PoisonContainer
      ]
    }
  }
}

module keyVault 'br/public:avm/res/key-vault/vault:0.13.3' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    sku: 'standard'
    enableRbacAuthorization: true
    enablePurgeProtection: true
    softDeleteRetentionInDays: 90
    roleAssignments: concat(
      [
        {
          principalId: identity.outputs.principalId
          principalType: 'ServicePrincipal'
          roleDefinitionIdOrName: 'Key Vault Secrets User'
        }
      ],
      empty(principalId) ? [] : [
        {
          principalId: principalId
          principalType: principalType
          roleDefinitionIdOrName: 'Key Vault Secrets User'
        }
      ]
    )
  }
}

module postgres 'app/postgres.bicep' = {
  name: 'postgres'
  scope: rg
  params: {
    name: 'psql-${resourceToken}'
    location: location
    tags: tags
    skuName: postgresSkuName
    tier: postgresTier
    administratorPassword: postgresAdminPassword
    keyVaultName: keyVault.outputs.name
  }
}

module redis 'app/redis.bicep' = {
  name: 'redis'
  scope: rg
  params: {
    name: 'redis-${resourceToken}'
    location: location
    tags: tags
    keyVaultName: keyVault.outputs.name
  }
}

module authSecret 'app/secret.bicep' = if (!empty(authSigningKey)) {
  name: 'auth-signing-key'
  scope: rg
  params: {
    keyVaultName: keyVault.outputs.name
    name: 'auth-signing-key'
    value: authSigningKey
  }
}

module cursorKeySecret 'app/secret.bicep' = {
  name: 'pagination-cursor-key'
  scope: rg
  params: {
    keyVaultName: keyVault.outputs.name
    name: 'pagination-cursor-key'
    value: paginationCursorKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

var kvRef = 'VaultName=${keyVault.outputs.name}'
var blobEndpoint = 'https://${storage.outputs.name}.blob.${environment().suffixes.storage}/'
var queueEndpoint = 'https://${storage.outputs.name}.queue.${environment().suffixes.storage}/'

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appSettings: union(
      {
        // Every key the app reads (Hosting/StartupConfiguration.cs and the options classes). Secrets are Key Vault
        // references resolved by the platform with the user-assigned identity; none is inlined here.
        ConnectionStrings__Postgres: '@Microsoft.KeyVault(${kvRef};SecretName=${postgres.outputs.connectionStringSecretName})'
        ConnectionStrings__Redis: '@Microsoft.KeyVault(${kvRef};SecretName=${redis.outputs.connectionStringSecretName})'
        // Statements container and the blob trigger's Connection = "StatementStorage": identity-based.
        StatementStorage__blobServiceUri: blobEndpoint
        StatementStorage__queueServiceUri: queueEndpoint
        StatementStorage__credential: 'managedidentity'
        StatementStorage__clientId: identity.outputs.clientId
        Storage__StatementsContainer: 'statements'
        AZURE_CLIENT_ID: identity.outputs.clientId
        Auth__Issuer: authIssuer
        Auth__Audience: authAudience
        Auth__JwksUrl: authJwksUrl
        Auth__Authority: authAuthority
        Auth__ClockSkewSeconds: '60'
        // Signs list cursors; without it they would be keyed from Auth__SigningKey, absent with JWKS-only auth.
        Pagination__CursorKey: '@Microsoft.KeyVault(${kvRef};SecretName=pagination-cursor-key)'
        Cors__AllowedOrigins: corsAllowedOrigins
        // The Functions front end is the only way in and sets X-Forwarded-For: per-IP throttling needs it.
        Network__TrustForwardedFor: 'true'
        // API.md defaults, visible here so an operator can tune them without a code change.
        RateLimiting__Default__Limit: '100'
        RateLimiting__Default__WindowSeconds: '60'
        RateLimiting__Import__Limit: '5'
        RateLimiting__Import__WindowSeconds: '60'
        RateLimiting__Classify__Limit: '50'
        RateLimiting__Classify__WindowSeconds: '60'
        RateLimiting__Training__Limit: '3'
        RateLimiting__Training__WindowSeconds: '3600'
        RateLimiting__KeyPrefix: 'scale:rl:'
        // Body limits per route class (Pipeline/BodyLimits.cs defaults); all under the host's 100 MB request cap.
        Limits__SmallBodyBytes: '65536'
        Limits__ImportBodyBytes: '16777216'
        Limits__UploadBodyBytes: '62914560'
        // The deploy workflow migrates before deploy, so this is a no-op check under the advisory lock.
        Database__MigrateOnStart: 'true'
        TASKHUB_NAME: taskHubName
      },
      empty(authSigningKey) ? {} : {
        Auth__SigningKey: '@Microsoft.KeyVault(${kvRef};SecretName=auth-signing-key)'
      }
    )
  }
  dependsOn: [rbac, authSecret, cursorKeySecret]
}

// Blob-created events for the statements container go to the function's Event Grid blob trigger. The topic is
// created here; its subscription needs the deployed app's blobs_extension key, so infra/hooks/postdeploy.* adds it.
module events 'br/public:avm/res/event-grid/system-topic:0.6.1' = {
  name: 'events'
  scope: rg
  params: {
    name: 'evgt-${resourceToken}'
    location: location
    tags: tags
    source: storage.outputs.resourceId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    healthUrl: 'https://${api.outputs.defaultHostName}/api/v1/health/ready'
    alertEmail: alertEmail
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = 'https://${api.outputs.defaultHostName}'
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = blobEndpoint
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = events.outputs.name
output POSTGRES_SERVER_NAME string = postgres.outputs.serverName
output POSTGRES_FQDN string = postgres.outputs.fqdn
output POSTGRES_CONNECTION_STRING_SECRET_NAME string = postgres.outputs.connectionStringSecretName
output REDIS_HOST_NAME string = redis.outputs.hostName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
output TASKHUB_NAME string = taskHubName
