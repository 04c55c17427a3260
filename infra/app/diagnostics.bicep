// Not a resource module: the shared shape of a diagnostic setting, so every module sends the same thing
// (all logs, all metrics) to the one Log Analytics workspace. Each module declares its own
// Microsoft.Insights/diagnosticSettings with `scope:` on its resource and these values.
@export()
@description('Every log category group and every metric, to the workspace; dedicated tables where supported.')
func settings(workspaceId string, withLogs bool) object => {
  workspaceId: workspaceId
  logAnalyticsDestinationType: 'Dedicated'
  logs: withLogs ? [{ categoryGroup: 'allLogs', enabled: true }] : []
  metrics: [{ category: 'AllMetrics', enabled: true }]
}
