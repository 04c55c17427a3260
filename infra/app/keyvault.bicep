// Key Vault for every secret the app uses (Postgres and Redis connection strings, the JWT signing key, the list
// cursor key). RBAC only (no access policies), purge protection on, soft delete 90 days. The app reads secrets
// through Key Vault references in its app settings with its system-assigned identity (Key Vault Secrets User).
import { settings } from 'diagnostics.bicep'

param name string
param location string
param tags object
param logAnalyticsId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enablePurgeProtection: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: settings(logAnalyticsId, true)
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
