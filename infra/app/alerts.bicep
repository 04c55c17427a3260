// What pages on-call (seeds: golden signals and alerting strategy), all from the one Application Insights component:
//   5xx rate   > 5% of requests over 5 minutes (at least 20 requests)       severity 1
//   p95 latency > 2 s over 10 minutes (at least 20 requests)                severity 2
//   health     /api/v1/health/ready failing from 2 of 3 locations           severity 0
// Everything goes to one action group (email; add SMS/webhook receivers there).
param location string
param tags object
param resourceToken string
param applicationInsightsName string
param healthUrl string
param alertEmail string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'scale-oncall'
    enabled: true
    emailReceivers: [
      { name: 'on-call', emailAddress: alertEmail, useCommonAlertSchema: true }
    ]
  }
}

var logAlerts = [
  {
    name: 'alert-5xx-rate-${resourceToken}'
    displayName: 'SCALE API: 5xx rate above 5%'
    severity: 1
    windowSize: 'PT5M'
    query: '''
requests
| summarize total = count(), failed = countif(toint(resultCode) >= 500)
| where total >= 20 and todouble(failed) / total > 0.05
'''
  }
  {
    name: 'alert-p95-latency-${resourceToken}'
    displayName: 'SCALE API: p95 latency above 2 s'
    severity: 2
    windowSize: 'PT10M'
    query: '''
requests
| where name != "ProcessStatementBlob"
| summarize total = count(), p95 = percentile(duration, 95)
| where total >= 20 and p95 > 2000
'''
  }
]

resource logAlert 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = [for alert in logAlerts: {
  name: alert.name
  location: location
  tags: tags
  properties: {
    displayName: alert.displayName
    severity: alert.severity
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT5M'
    windowSize: alert.windowSize
    criteria: {
      allOf: [
        {
          // The query returns a row only when the condition holds.
          query: alert.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: [actionGroup.id] }
  }
}]

// Standard availability test against the readiness endpoint (database, Redis, storage, classifier).
resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: 'webtest-health-${resourceToken}'
  location: location
  // The hidden-link tag is how Application Insights shows the test under the component.
  tags: union(tags, { 'hidden-link:${applicationInsights.id}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: 'webtest-health-${resourceToken}'
    Name: 'SCALE /health/ready'
    Kind: 'standard'
    Enabled: true
    Frequency: 300
    Timeout: 30
    RetryEnabled: true
    Locations: [
      { Id: 'emea-nl-ams-azr' } // West Europe
      { Id: 'apac-sg-sin-azr' } // Southeast Asia
      { Id: 'us-va-ash-azr' } // East US
    ]
    Request: {
      RequestUrl: healthUrl
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

resource healthAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-health-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    description: 'SCALE API: /api/v1/health/ready failing from 2 or more locations'
    severity: 0
    enabled: true
    scopes: [healthTest.id, applicationInsights.id]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthTest.id
      componentId: applicationInsights.id
      failedLocationCount: 2
    }
    autoMitigate: true
    actions: [{ actionGroupId: actionGroup.id }]
  }
}
