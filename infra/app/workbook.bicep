// The on-call workbook (infra/monitoring/workbook.json), shown under the Application Insights component.
param location string
param tags object
param environmentName string
param applicationInsightsName string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // Workbook names must be GUIDs; this one is stable per component, so redeploys update it in place.
  name: guid(applicationInsights.id, 'scale-operations')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'SCALE operations (${environmentName})'
    category: 'workbook'
    sourceId: applicationInsights.id
    serializedData: loadTextContent('../monitoring/workbook.json')
  }
}
