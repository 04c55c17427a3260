// Azure Database for PostgreSQL Flexible Server (16) with password auth; the app's connection string lives only in
// Key Vault. Entra (managed identity) auth would remove the password, but needs a token-refreshing Npgsql
// data source in the host-neutral database layer first: tracked as a follow-up, not faked here.
param name string
param location string
param tags object
param skuName string
param tier string
param keyVaultName string
@secure()
param administratorPassword string

param administratorLogin string = 'scaleadmin'
param databaseName string = 'scale'

module server 'br/public:avm/res/db-for-postgre-sql/flexible-server:0.15.2' = {
  name: 'postgres-server'
  params: {
    name: name
    location: location
    tags: tags
    version: '16'
    skuName: skuName
    tier: tier
    storageSizeGB: 32
    availabilityZone: -1
    highAvailability: tier == 'Burstable' ? 'Disabled' : 'ZoneRedundant'
    backupRetentionDays: tier == 'Burstable' ? 7 : 35
    geoRedundantBackup: 'Disabled'
    authConfig: {
      passwordAuth: 'Enabled'
      activeDirectoryAuth: 'Disabled'
    }
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorPassword
    publicNetworkAccess: 'Enabled'
    firewallRules: [
      // 0.0.0.0 is Azure's documented "allow Azure services" rule: Flex Consumption has no fixed outbound IPs.
      // The deploy workflow adds (and removes) a rule for its runner's address to run migrations.
      { name: 'AllowAzureServices', startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
    ]
    databases: [
      { name: databaseName, charset: 'UTF8', collation: 'en_US.utf8' }
    ]
  }
}

var fqdn = '${name}.postgres.database.azure.com'

module connectionString 'secret.bicep' = {
  name: 'postgres-connection-string'
  params: {
    keyVaultName: keyVaultName
    name: 'postgres-connection-string'
    // VerifyFull: TLS with the server certificate checked against the system CA store.
    value: 'Host=${fqdn};Port=5432;Database=${databaseName};Username=${administratorLogin};Password=${administratorPassword};SSL Mode=VerifyFull;Maximum Pool Size=20'
  }
  dependsOn: [server]
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

output serverName string = name
output fqdn string = fqdn
output connectionStringSecretName string = connectionString.outputs.name
