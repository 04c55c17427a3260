// Host selection: the Functions build (-p:ScaleHost=Functions) runs the isolated worker from Azure/;
// the default build runs the local Kestrel host from Local/.
#if SCALE_FUNCTIONS
await Scale.Functions.Azure.FunctionsEntryPoint.RunAsync(args);
#else
return await Scale.Functions.Local.LocalEntryPoint.RunAsync(args);
#endif
