/// The `--help` texts.
enum HelpText {
    static let main = """
        agentry — a self-hosted, multi-tenant platform for running AI agents

        usage: agentry <command> [options]

        commands:
          serve          run the server (runtime, identity, gateway, memory, knowledge, policy, telemetry)
          demo           start a server, run the DocAssist scenario on real contracts, write demo-report.json
          token issue    issue an end-user token (a JWT) from the built-in issuer
          ingest         load a folder of .txt documents into a tenant's knowledge base
          report usage   print per-tenant usage (tokens, embeddings, vector queries, tool calls, CPU, p95, errors)
          policy         Cedar tools (validate, authorize, format, conformance) and the per-tenant policy stores
          keys           list or rotate the signing key rings (shared, and each silo tenant's)

        agentry --version prints the version.

        Run `agentry <command> --help` for a command's options.
        """

    static let serve = """
        usage: agentry serve --config FILE [--port N] [--data-dir DIR]

        Runs Agentry as a long-lived server on server.host (127.0.0.1 by default) until interrupted.
          --config FILE   deployment configuration (JSON), e.g. examples/docassist/agentry.json
          --port N        overrides server.port (default 8787; 0 picks a free port)
          --data-dir DIR  overrides server.dataDirectory
        Environment: OTEL_EXPORTER_OTLP_ENDPOINT exports spans as OTLP/HTTP JSON; AGENTRY_LOG_LEVEL sets the log level.
        """

    static let demo = """
        usage: agentry demo [--config FILE] [--contracts DIR] [--report FILE] [--data-dir DIR] [--limit N]

        Starts Agentry on a free loopback port with the DocAssist deployment, deals the contracts of DIR between the
        tenants smallfirm and bigbank, runs the scenario (own-tenant answers with citations, cross-tenant refusals,
        prompt-injection block, tool policy with narrowed downstream tokens, session memory, usage), prints a
        summary and writes the report. Exits 1 if any check fails.
          --config FILE    default examples/docassist/agentry.json
          --contracts DIR  default ../shared/corpus/contracts
          --report FILE    default demo-report.json
          --data-dir DIR   overrides server.dataDirectory
          --limit N        ingest at most N contracts (at least 2)
        """

    static let token = """
        usage: agentry token issue --config FILE --tenant ID --user ID [--scope "a b c"] [--ttl SECONDS]
                                   [--port N] [--data-dir DIR]

        Prints a signed user token with iss, sub, aud, exp, iat, jti, tenant_id and scope. It is signed by the
        tenant's own key ring when its tier silos keys (with the ring's algorithm, ES256 unless configured), by the
        shared ring otherwise. The issuer is server.issuer, or http://<host>:<port>: give the same --port and
        --data-dir as the server you will present it to.
        """

    static let keys = """
        usage: agentry keys list --config FILE [--data-dir DIR] [--platform | --tenant ID] [--json]
               agentry keys rotate --config FILE [--data-dir DIR] (--platform | --tenant ID) [--json]

        list prints every key of the shared ring and of each silo tenant's ring (or of the one selected): kid,
        algorithm, state (pending, active, retired) and when it activates, retired and leaves the JWKS; never any
        private material. rotate adds a key of the configured algorithm (server.signingAlgorithm, or the tenant's
        signingAlgorithm): published at once, signing after server.keyRotation.activationDelaySeconds; the old key
        keeps signing until then and stays published maximumTokenLifetimeSeconds (+300 s) longer. A server running
        on the same data directory picks the new key up within server.keyRotation.checkIntervalSeconds (and at its
        next JWKS request). --tenant needs a tenant whose tier silos keys; pool tenants share --platform.
        """

    static let ingest = """
        usage: agentry ingest --config FILE --tenant ID --kb ID [--data-dir DIR] FOLDER

        Chunks, embeds and indexes every .txt file of FOLDER into knowledge base ID of the tenant (re-ingesting a file
        replaces its chunks). The knowledge base must belong to the tenant.
        """

    static let report = """
        usage: agentry report usage --config FILE [--data-dir DIR] [--json]

        Prints per-tenant usage from the ledger in the data directory: tokens in/out, embeddings, vector queries,
        tool calls, runtime CPU-seconds, invocations, p95 latency and errors, with totals.
        """

    static let policy = """
        usage: agentry policy validate --policies FILE --schema FILE [--json]
               agentry policy authorize --policies FILE --request FILE [--entities FILE] [--schema FILE]
               agentry policy format [--to cedar|json] FILE
               agentry policy conformance DIR
               agentry policy list|show [N]|audit --config FILE [--data-dir DIR] (--tenant ID | --platform)
               agentry policy publish|candidate --config FILE [--data-dir DIR] --tenant ID --policies FILE
                                                [--schema FILE] [--comment TEXT] [--expected-version N]
               agentry policy promote|discard|rollback N|mode enforce|log_only --config FILE [--data-dir DIR]
                                                --tenant ID

        Policy files are Cedar text, or Cedar's JSON policy format when the name ends in .json; schemas are the
        human-readable format, or JSON when the text starts with `{`. A policy's @id("…") is its id (in findings,
        reasons and the store); stored policies, the deployment's policy file included, must each carry one.
          validate     strict validation against the schema; exit 1 when an error is found
          authorize    prints {"decision", "diagnostics": {"reason", "errors"}} as JSON; with --schema, entities and
                       context are parsed with the schema and the request is validated against it. The request
                       file: {"principal": {"type": "User", "id": "alice"} or "User::\"alice\"", "action": …,
                       "resource": …, "context": {…}}; the entities file is Cedar's entity JSON (an array)
          format       prints the policies in canonical Cedar text (or --to json)
          conformance  runs every test of a folder laid out like the Cedar integration tests (tests/, corpus-tests/,
                       e.g. ../shared/corpus/cedar); prints each failing request and `N passed, M failed`; exit 1
                       when any failed
          list, show, audit, publish, candidate, promote, discard, rollback, mode
                       the policy store of the data directory (policies.sqlite): a tenant's versioned layer, its
                       log-only candidate and mode, and the audit of changes; the tenant must be in the configuration.
                       Output is JSON; a refused change exits 1 with its findings (line:column) on stderr. The
                       platform layer is the deployment's policy file, published at server start; --platform reads
                       it. A running server enforces a tenant's CLI change within about 5 seconds; changes through
                       the admin API (/admin/policies, scope policy:admin) take effect at once.
        """
}
