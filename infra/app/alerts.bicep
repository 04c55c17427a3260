// What pages on-call (seeds: golden signals and alerting strategy), all from the one Application Insights component.
// The queries are files in infra/monitoring/queries/ (Deployment/TelemetryQueryTests checks every name they use
// against Scale.Functions/Infrastructure/Telemetry/TelemetryNames.cs):
//   API down        availability test on /api/v1/health failing from 2 of 3 locations    severity 0
//   5xx rate        > 5 % of requests over 5 minutes (at least 20 requests)             severity 1
//   p95 latency     > 2 s over 10 minutes (at least 20 requests)                        severity 2
//   import failures > 10 failed imports in an hour                                      severity 2
//   poison          a statement blob poisoned by our failure (not a user's bad file)    severity 2
//   Redis fallback  throttling on per-instance windows because Redis failed             severity 2
//   training stuck  the sweeper failed a training job that vanished or overran          severity 3
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
    key: 'api-5xx-rate'
    displayName: 'SCALE API: 5xx rate above 5%'
    runbook: 'docs/runbooks/api-503.md'
    severity: 1
    frequency: 'PT5M'
    window: 'PT5M'
    query: loadTextContent('../monitoring/queries/api-5xx-rate.kql')
  }
  {
    key: 'api-p95-latency'
    displayName: 'SCALE API: p95 latency above 2 s'
    runbook: 'docs/runbooks/api-503.md'
    severity: 2
    frequency: 'PT5M'
    window: 'PT10M'
    query: loadTextContent('../monitoring/queries/api-p95-latency.kql')
  }
  {
    key: 'import-failures'
    displayName: 'SCALE imports: more than 10 failures in an hour'
    runbook: 'docs/runbooks/poison-statement.md'
    severity: 2
    frequency: 'PT15M'
    window: 'PT1H'
    query: loadTextContent('../monitoring/queries/import-failures.kql')
  }
  {
    key: 'poison-statements'
    displayName: 'SCALE imports: statement blob poisoned by a processing failure'
    runbook: 'docs/runbooks/poison-statement.md'
    severity: 2
    frequency: 'PT15M'
    window: 'PT15M'
    query: loadTextContent('../monitoring/queries/poison-statements.kql')
  }
  {
    // The sweeper runs every 5 minutes; a stuck job is one user's run, not an outage: severity 3.
    key: 'training-stuck'
    displayName: 'SCALE training: a stuck training job was failed by the sweeper'
    runbook: 'docs/runbooks/stuck-training-job.md'
    severity: 3
    frequency: 'PT15M'
    window: 'PT15M'
    query: loadTextContent('../monitoring/queries/training-stuck.kql')
  }
  {
    key: 'redis-fallback'
    displayName: 'SCALE throttling: Redis down, per-instance limits in use'
    runbook: 'docs/runbooks/redis-down.md'
    severity: 2
    frequency: 'PT5M'
    window: 'PT15M'
    query: loadTextContent('../monitoring/queries/redis-fallback.kql')
  }
]

resource logAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [
  for alert in logAlerts: {
    name: 'alert-${alert.key}-${resourceToken}'
    location: location
    tags: tags
    properties: {
      displayName: alert.displayName
      description: 'Runbook: ${alert.runbook}'
      severity: alert.severity
      enabled: true
      scopes: [applicationInsights.id]
      evaluationFrequency: alert.frequency
      windowSize: alert.window
      criteria: {
        allOf: [
          {
            // Each query returns rows only when its condition holds.
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
  }
]

// Standard availability test against the liveness endpoint ("API down": the host answers at all).
resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: 'webtest-health-${resourceToken}'
  location: location
  // The hidden-link tag is how Application Insights shows the test under the component.
  tags: union(tags, { 'hidden-link:${applicationInsights.id}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: 'webtest-health-${resourceToken}'
    Name: 'SCALE /api/v1/health'
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
    description: 'SCALE API down: /api/v1/health failing from 2 or more locations. Runbook: docs/runbooks/api-503.md'
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
