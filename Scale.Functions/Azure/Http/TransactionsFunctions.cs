using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Api;

namespace Scale.Functions.Azure.Http;

/// <summary>GET /transactions → <see cref="TransactionsApi"/>.</summary>
public sealed class TransactionsFunctions(TransactionsApi api)
{
    [Function(ApiRoutes.Names.ListTransactions)]
    public Task<IResult> ListTransactions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.Transactions)] HttpRequest request,
        CancellationToken cancellationToken) => api.ListTransactions(request, cancellationToken);
}
