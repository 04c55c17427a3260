// Azure Cache for Redis: rate-limit windows only (losing it degrades throttling to the in-process fallback; it
// loses no data), so Basic C0 in staging is enough; raise the SKU per environment. TLS only (6380), TLS 1.2.
// Azure Managed Redis is the successor service; switching changes this module and the connection string only.
import { settings } from 'diagnostics.bicep'

param name string
param location string
param tags object
param logAnalyticsId string
param keyVaultName string

@allowed(['Basic', 'Standard', 'Premium'])
param skuName string = 'Basic'
param capacity int = 0

resource redis 'Microsoft.Cache/redis@2024-03-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: skuName
      family: skuName == 'Premium' ? 'P' : 'C'
      capacity: capacity
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    redisConfiguration: {
      'maxmemory-policy': 'volatile-lru'
    }
  }
}

resource redisDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: redis
  properties: settings(logAnalyticsId, true)
}

module connectionString 'secret.bicep' = {
  name: 'redis-connection-string'
  params: {
    keyVaultName: keyVaultName
    name: 'redis-connection-string'
    value: '${redis.properties.hostName}:${redis.properties.sslPort},password=${redis.listKeys().primaryKey},ssl=True,sslProtocols=tls12,abortConnect=False'
  }
}

output hostName string = redis.properties.hostName
output connectionStringSecretName string = connectionString.outputs.name
