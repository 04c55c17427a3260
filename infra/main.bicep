// SCALE on Azure: one resource group per azd environment (staging, production).
// Every module is local (infra/app/): the template compiles offline, and scripts/bicep.sh builds and lints it in
// scripts/test.sh; Scale.Functions.Tests/Infrastructure/ checks the compiled JSON against the security policy.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name (e.g. scale-staging, scale-prod); used for names, tags and the task hub.')
param environmentName string

@minLength(1)
@description('Region for everything. Central India first: the product serves Indian retail banking customers.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the deploying (CI) principal or a developer: reads Key Vault secrets and statement blobs (optional).')
param principalId string = ''

@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('Where alerts go.')
param alertEmail string

@description('Comma-separated exact browser origins (Cors__AllowedOrigins and the platform CORS list).')
param corsAllowedOrigins string

@description('Postgres public access with firewall rules, or Disabled with a delegated subnet (postgresDelegatedSubnetId).')
@allowed(['Enabled', 'Disabled'])
param postgresPublicNetworkAccess string = 'Enabled'

@description('Postgres firewall rules ({ name, startIpAddress, endIpAddress }); the default admits Azure services only.')
param postgresFirewallRules array = [
  // 0.0.0.0 is Azure's documented "allow Azure services" rule: Flex Consumption has no fixed outbound IPs.
  { name: 'AllowAzureServices', startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
]

@description('Delegated subnet for Postgres private access; empty for public access with the firewall rules.')
param postgresDelegatedSubnetId string = ''

@description('Private DNS zone for Postgres private access; empty for public access.')
param postgresPrivateDnsZoneId string = ''

@allowed(['Basic', 'Standard', 'Premium'])
param redisSkuName string = 'Basic'

@minValue(0)
@maxValue(6)
param redisCapacity int = 0

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Upper bound on Flex Consumption instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

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
@minLength(32)
@description('Key for the HMAC on list cursors (Pagination__CursorKey). Stored in Key Vault; azd generates and reuses it.')
param paginationCursorKey string

@secure()
@minLength(16)
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
var corsOrigins = filter(map(split(corsAllowedOrigins, ','), origin => trim(origin)), origin => !empty(origin))

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    retentionInDays: logRetentionInDays
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    deploymentContainerName: deploymentContainerName
    taskHubName: taskHubName
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    logAnalyticsId: monitoring.outputs.logAnalyticsId
  }
}

module postgres 'app/postgres.bicep' = {
  name: 'postgres'
  scope: rg
  params: {
    name: 'psql-${resourceToken}'
    location: location
    tags: tags
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    keyVaultName: keyVault.outputs.name
    skuName: postgresSkuName
    tier: postgresTier
    administratorPassword: postgresAdminPassword
    publicNetworkAccess: postgresPublicNetworkAccess
    firewallRules: postgresFirewallRules
    delegatedSubnetId: postgresDelegatedSubnetId
    privateDnsZoneId: postgresPrivateDnsZoneId
  }
}

module redis 'app/redis.bicep' = {
  name: 'redis'
  scope: rg
  params: {
    name: 'redis-${resourceToken}'
    location: location
    tags: tags
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    keyVaultName: keyVault.outputs.name
    skuName: redisSkuName
    capacity: redisCapacity
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

// A Key Vault reference: the platform resolves it with the app's identity; the value never appears in settings.
func kvReference(vaultName string, secretName string) string =>
  '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${secretName})'

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    corsAllowedOrigins: corsOrigins
    maximumInstanceCount: maximumInstanceCount
    appSettings: union(
      {
        // Every key the app reads (local.settings.sample.json). Secrets are Key Vault references only.
        ConnectionStrings__Postgres: kvReference(keyVault.outputs.name, postgres.outputs.connectionStringSecretName)
        ConnectionStrings__Redis: kvReference(keyVault.outputs.name, redis.outputs.connectionStringSecretName)
        // Statements container and the blob trigger's Connection = "StatementStorage": identity-based.
        StatementStorage__blobServiceUri: storage.outputs.blobEndpoint
        StatementStorage__queueServiceUri: storage.outputs.queueEndpoint
        StatementStorage__credential: 'managedidentity'
        Storage__StatementsContainer: 'statements'
        Auth__Issuer: authIssuer
        Auth__Audience: authAudience
        Auth__JwksUrl: authJwksUrl
        Auth__Authority: authAuthority
        Auth__ClockSkewSeconds: '60'
        // Signs list cursors; without it they would be keyed from Auth__SigningKey, absent with JWKS-only auth.
        Pagination__CursorKey: kvReference(keyVault.outputs.name, cursorKeySecret.outputs.name)
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
      empty(authSigningKey) ? {} : { Auth__SigningKey: kvReference(keyVault.outputs.name, 'auth-signing-key') }
    )
  }
  dependsOn: [authSecret]
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: api.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module events 'app/events.bicep' = {
  name: 'events'
  scope: rg
  params: {
    name: 'evgt-${resourceToken}'
    location: location
    tags: tags
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    storageAccountId: storage.outputs.id
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
    healthUrl: 'https://${api.outputs.defaultHostName}/api/v1/health'
    alertEmail: alertEmail
  }
}

module workbook 'app/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    location: location
    tags: tags
    environmentName: environmentName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
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
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = events.outputs.name
output POSTGRES_SERVER_NAME string = postgres.outputs.serverName
output POSTGRES_FQDN string = postgres.outputs.fqdn
output POSTGRES_CONNECTION_STRING_SECRET_NAME string = postgres.outputs.connectionStringSecretName
output REDIS_HOST_NAME string = redis.outputs.hostName
output TASKHUB_NAME string = taskHubName
