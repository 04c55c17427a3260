using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Scale.Functions.Api;

namespace Scale.Functions.Azure.Http;

/// <summary>GET /transactions and DELETE /transactions/transfers/{pair_id} → <see cref="TransactionsApi"/>.</summary>
public sealed class TransactionsFunctions(TransactionsApi api)
{
    [Function(ApiRoutes.Names.ListTransactions)]
    public Task<IResult> ListTransactions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Templates.Transactions)] HttpRequest request,
        CancellationToken cancellationToken) => api.ListTransactions(request, cancellationToken);

    // The route parameter binds by name, so the C# parameter carries the template's snake_case name.
#pragma warning disable CA1707
    [Function(ApiRoutes.Names.UnlinkTransfer)]
    public Task<IResult> UnlinkTransfer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Templates.TransferPair)] HttpRequest request,
        string pair_id,
        CancellationToken cancellationToken) => api.UnlinkTransfer(request, pair_id, cancellationToken);
#pragma warning restore CA1707
}
