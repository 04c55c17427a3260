// Azure Database for PostgreSQL Flexible Server 16 with password auth; the app's connection string lives only in
// Key Vault. TLS is required by the server (require_secure_transport, TLS 1.2 minimum) and by the client
// (SSL Mode=VerifyFull). Entra (managed identity) auth would remove the password, but needs a token-refreshing
// Npgsql data source in the host-neutral database layer first: a follow-up, not faked here.
import { settings } from 'diagnostics.bicep'

param name string
param location string
param tags object
param logAnalyticsId string
param keyVaultName string
param skuName string
@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param tier string
@secure()
param administratorPassword string

@description('Public access with these firewall rules, or none (private access through a delegated subnet).')
@allowed(['Enabled', 'Disabled'])
param publicNetworkAccess string = 'Enabled'

@description('Firewall rules ({ name, startIpAddress, endIpAddress }) when public access is on. 0.0.0.0-0.0.0.0 is Azure\'s "allow Azure services" rule, needed because Flex Consumption has no fixed outbound IPs.')
param firewallRules array = []

@description('Delegated subnet for private access (publicNetworkAccess Disabled); empty for public access.')
param delegatedSubnetId string = ''
@description('Private DNS zone for private access; empty for public access.')
param privateDnsZoneId string = ''

param administratorLogin string = 'scaleadmin'
param databaseName string = 'scale'

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: skuName, tier: tier }
  properties: {
    version: '16'
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorPassword
    authConfig: { passwordAuth: 'Enabled', activeDirectoryAuth: 'Disabled' }
    storage: { storageSizeGB: 32, autoGrow: 'Enabled' }
    backup: {
      backupRetentionDays: tier == 'Burstable' ? 7 : 35
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: { mode: tier == 'Burstable' ? 'Disabled' : 'ZoneRedundant' }
    network: empty(delegatedSubnetId)
      ? { publicNetworkAccess: publicNetworkAccess }
      : {
          publicNetworkAccess: 'Disabled'
          delegatedSubnetResourceId: delegatedSubnetId
          privateDnsZoneArmResourceId: privateDnsZoneId
        }
  }
}

resource requireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'require_secure_transport'
  properties: { value: 'on', source: 'user-override' }
}

resource minimumTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'ssl_min_protocol_version'
  properties: { value: 'TLSv1.2', source: 'user-override' }
  dependsOn: [requireTls] // configuration writes on one server are serialized
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

@batchSize(1)
resource firewall 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = [
  for rule in (empty(delegatedSubnetId) ? firewallRules : []): {
    parent: server
    name: rule.name
    properties: { startIpAddress: rule.startIpAddress, endIpAddress: rule.endIpAddress }
  }
]

resource serverDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: server
  properties: settings(logAnalyticsId, true)
}

module connectionString 'secret.bicep' = {
  name: 'postgres-connection-string'
  params: {
    keyVaultName: keyVaultName
    name: 'postgres-connection-string'
    // VerifyFull: TLS with the server certificate checked against the system CA store.
    value: 'Host=${server.properties.fullyQualifiedDomainName};Port=5432;Database=${database.name};Username=${administratorLogin};Password=${administratorPassword};SSL Mode=VerifyFull;Maximum Pool Size=20'
  }
}

// Kept so azd's $(secretOrRandomPassword ...) reuses the same password on the next provision.
module adminPassword 'secret.bicep' = {
  name: 'postgres-admin-password'
  params: {
    keyVaultName: keyVaultName
    name: 'postgres-admin-password'
    value: administratorPassword
  }
}

output serverName string = server.name
output fqdn string = server.properties.fullyQualifiedDomainName
output connectionStringSecretName string = connectionString.outputs.name
