package org.scamatlas.neo4j;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs Neo4j Community (embedded API) with a Bolt connector, as a child process of the Scam Atlas
 * Node API. Started by src/database/embedded/embeddedNeo4j.ts; not meant to be run by hand.
 *
 * <p>Arguments (all required, each as two argv entries):
 * <pre>
 *   --port N          Bolt port on 127.0.0.1; 0 lets the OS pick one (reported in the ready event)
 *   --home DIR        Neo4j home: store in DIR/data, Neo4j's logs in DIR/logs
 *   --plugins DIR     folder holding the APOC jar (it is on the classpath too)
 *   --pagecache SIZE  page cache size, Neo4j byte syntax: 256m, 4g, ...
 * </pre>
 * The password of user {@code neo4j} is read from env {@value #PASSWORD_ENV} (argv would show it in ps)
 * and set through the system database at every start, so the password file kept by Node is the truth.
 *
 * <p>Protocol: stdout carries only JSON lines, exactly one of
 * <pre>
 *   {"event":"ready","boltPort":N,"neo4jVersion":"5.26.x"}
 *   {"event":"error","code":"PORT_IN_USE"|"DATA_DIR_LOCKED"|"START_FAILED","message":"..."}   (then exit != 0)
 * </pre>
 * Everything else goes to stderr or DIR/logs. System.out is redirected to stderr before Neo4j loads so
 * a stray println in a library cannot corrupt the protocol.
 *
 * <p>Lifetime: SIGTERM (shutdown hook) stops the DBMS cleanly. stdin is a watchdog pipe: when it reaches
 * EOF the parent is gone (even if it was SIGKILLed), so we shut down and exit rather than live on orphaned.
 */
public final class EmbeddedNeo4j {
    static final String PASSWORD_ENV = "SCAM_ATLAS_NEO4J_PASSWORD";
    private static final String BOLT_HOST = "127.0.0.1";
    private static final String ADMIN_USER = "neo4j";
    /** Neo4j refuses passwords shorter than this by default (dbms.security.auth_minimum_password_length). */
    private static final int MIN_PASSWORD_LENGTH = 8;
    /** Keep only the last couple of transaction log files: this is a single-instance store, no backups read them. */
    private static final String TX_LOG_RETENTION = "2 files";
    private static final String TX_LOG_ROTATION_SIZE = "64m";
    private static final Duration DATABASE_AVAILABLE_TIMEOUT = Duration.ofMinutes(10);
    /** If a clean shutdown hangs this long, halt: an orphaned JVM holding the store lock is worse. */
    private static final Duration SHUTDOWN_HALT_AFTER = Duration.ofSeconds(60);
    private static final String USER_LOG_FILE = "neo4j.log";
    /** Neo4j 5.26's message when ALTER USER sets the password it already has. */
    private static final String SAME_PASSWORD_MESSAGE = "Old password and new password cannot be the same";
    /**
     * Bolt waits this long for its event loops when it shuts down (default 5 s each, and it always uses
     * the whole wait). By then the databases are already stopped and the API has closed its driver, so the
     * wait only delays the exit: 10 s per stop with the defaults, ~2.5 s with this. The cost is a harmless
     * "Termination of ... event loop group has exceeded maximum permitted duration" WARN in debug.log.
     */
    private static final Duration BOLT_SHUTDOWN_WAIT = Duration.ofSeconds(1);

    private static final int EXIT_START_FAILED = 1;
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_PORT_IN_USE = 3;
    private static final int EXIT_DATA_DIR_LOCKED = 4;

    private static PrintStream protocol;
    private static volatile DatabaseManagementService managementService;
    private static final Object SHUTDOWN_LOCK = new Object();
    private static boolean shutdownDone;

    private EmbeddedNeo4j() {}

    public static void main(String[] argv) {
        // Keep the real stdout for the protocol only; anything else printing to System.out lands on stderr.
        protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);

        Args args;
        try {
            args = Args.parse(argv);
        } catch (IllegalArgumentException e) {
            emitError("START_FAILED", "Invalid launcher arguments: " + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        String password = System.getenv(PASSWORD_ENV);
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            emitError("START_FAILED", "Env " + PASSWORD_ENV + " must hold the neo4j password (at least "
                    + MIN_PASSWORD_LENGTH + " characters).");
            System.exit(EXIT_USAGE);
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedNeo4j::shutdown, "scam-atlas-neo4j-shutdown"));
        startStdinWatchdog();

        try {
            GraphDatabaseService db = start(args, password);
            int boltPort = boltPort(db);
            emit("{\"event\":\"ready\",\"boltPort\":" + boltPort + ",\"neo4jVersion\":"
                    + jsonString(Version.getNeo4jVersion()) + "}");
        } catch (Throwable e) {
            Failure failure = classify(e, args);
            System.err.println("Embedded Neo4j failed to start:");
            e.printStackTrace(System.err);
            emitError(failure.code, failure.message);
            shutdown();
            // halt, not exit: the shutdown hook would only repeat the shutdown, and stray non-daemon
            // threads of a half-started DBMS must not keep the process alive.
            Runtime.getRuntime().halt(failure.exitCode);
        }
        // main returns; Neo4j's non-daemon threads keep the JVM alive until SIGTERM or stdin EOF.
    }

    private static GraphDatabaseService start(Args args, String password) throws IOException {
        Path logs = args.home.resolve("logs");
        Files.createDirectories(logs);
        OutputStream userLog = Files.newOutputStream(logs.resolve(USER_LOG_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        Map<org.neo4j.graphdb.config.Setting<?>, Object> config = new HashMap<>();
        config.put(BoltConnector.enabled, true);
        config.put(BoltConnector.listen_address, new SocketAddress(BOLT_HOST, args.port));
        config.put(GraphDatabaseSettings.default_listen_address, new SocketAddress(BOLT_HOST));
        config.put(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, BOLT_SHUTDOWN_WAIT);
        config.put(BoltConnectorInternalSettings.connection_shutdown_wait_time, BOLT_SHUTDOWN_WAIT);
        config.put(HttpConnector.enabled, false);
        config.put(HttpsConnector.enabled, false);
        config.put(GraphDatabaseSettings.auth_enabled, true);
        config.put(GraphDatabaseSettings.plugin_dir, args.plugins);
        config.put(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"));
        config.put(GraphDatabaseSettings.pagecache_memory, args.pageCacheBytes);
        config.put(GraphDatabaseSettings.keep_logical_logs, TX_LOG_RETENTION);
        config.put(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.parse(TX_LOG_ROTATION_SIZE));
        config.put(GraphDatabaseSettings.logs_directory, logs);
        // Usage reports phone home; a local store of investigation data has no business doing that.
        config.put(GraphDatabaseSettings.udc_enabled, false);

        managementService = new DatabaseManagementServiceBuilder(args.home)
                .setConfig(config)
                .setUserLogProvider(new Log4jLogProvider(userLog))
                .build();

        setAdminPassword(managementService.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);

        GraphDatabaseService db = managementService.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(DATABASE_AVAILABLE_TIMEOUT.toMillis())) {
            throw new IllegalStateException("Database '" + GraphDatabaseSettings.DEFAULT_DATABASE_NAME
                    + "' did not become available within " + DATABASE_AVAILABLE_TIMEOUT.toMinutes() + " minutes.");
        }
        return db;
    }

    /**
     * Makes {@code password} the one that works for user neo4j, whatever the store held before (a fresh store
     * has the default password, marked change-required). Neo4j refuses to "change" a password to the same
     * value, which is the normal case on every restart; then only the change-required flag is cleared.
     */
    private static void setAdminPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally("ALTER USER " + ADMIN_USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (QueryExecutionException e) {
            if (!causes(e).stream().anyMatch(t -> String.valueOf(t.getMessage()).contains(SAME_PASSWORD_MESSAGE))) {
                throw e;
            }
            system.executeTransactionally("ALTER USER " + ADMIN_USER + " SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    /** The port Bolt actually bound, which differs from --port when that was 0. */
    private static int boltPort(GraphDatabaseService db) {
        HostnamePort address = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        if (address == null) {
            throw new IllegalStateException("Bolt connector did not register a listen address.");
        }
        return address.getPort();
    }

    private static void startStdinWatchdog() {
        Thread watchdog = new Thread(() -> {
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) != -1) {
                    // The parent never writes; anything it does is ignored.
                }
            } catch (IOException ignored) {
                // A broken pipe means the same as EOF: the parent is gone.
            }
            System.err.println("Parent process closed stdin; shutting down embedded Neo4j.");
            System.exit(0); // runs the shutdown hook
        }, "scam-atlas-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void shutdown() {
        synchronized (SHUTDOWN_LOCK) {
            if (shutdownDone) {
                return;
            }
            shutdownDone = true;
        }
        DatabaseManagementService service = managementService;
        if (service == null) {
            return;
        }
        Thread halter = new Thread(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(SHUTDOWN_HALT_AFTER.toMillis());
                System.err.println("Embedded Neo4j shutdown took over " + SHUTDOWN_HALT_AFTER.toSeconds() + " s; halting.");
                Runtime.getRuntime().halt(EXIT_START_FAILED);
            } catch (InterruptedException ignored) {
                // shutdown finished in time
            }
        }, "scam-atlas-shutdown-halter");
        halter.setDaemon(true);
        halter.start();
        try {
            service.shutdown();
        } catch (Throwable e) {
            System.err.println("Error while shutting down embedded Neo4j: " + e);
        } finally {
            halter.interrupt();
        }
    }

    // ---- failure classification -------------------------------------------------------------------

    private record Failure(String code, String message, int exitCode) {}

    /** Walks the cause chain (and suppressed exceptions) for the two failures a user can fix directly. */
    private static Failure classify(Throwable error, Args args) {
        for (Throwable t : causes(error)) {
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            if (t instanceof BindException || name.endsWith("PortBindException")
                    || message.contains("Address already in use")) {
                return new Failure("PORT_IN_USE", "Bolt port " + args.port + " on " + BOLT_HOST
                        + " is already in use.", EXIT_PORT_IN_USE);
            }
            if (name.endsWith("FileLockException") || name.endsWith("StoreLockException")
                    || message.contains("locked by another process")
                    || message.contains("Unable to obtain lock")) {
                return new Failure("DATA_DIR_LOCKED", "The data folder " + args.home
                        + " is in use by another Neo4j process.", EXIT_DATA_DIR_LOCKED);
            }
        }
        Throwable root = error;
        for (Throwable t : causes(error)) {
            root = t;
        }
        String detail = root == error || String.valueOf(root.getMessage()).equals(error.getMessage())
                ? String.valueOf(error.getMessage())
                : error.getMessage() + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        return new Failure("START_FAILED", detail, EXIT_START_FAILED);
    }

    private static List<Throwable> causes(Throwable error) {
        List<Throwable> chain = new java.util.ArrayList<>();
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        todo.add(error);
        while (!todo.isEmpty() && chain.size() < 64) {
            Throwable t = todo.poll();
            if (chain.stream().anyMatch(seen -> seen == t)) {
                continue;
            }
            chain.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(List.of(t.getSuppressed()));
        }
        return chain;
    }

    // ---- protocol ---------------------------------------------------------------------------------

    private static void emit(String json) {
        protocol.println(json);
        protocol.flush();
    }

    private static void emitError(String code, String message) {
        emit("{\"event\":\"error\",\"code\":" + jsonString(code) + ",\"message\":" + jsonString(message) + "}");
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : String.valueOf(value).toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    // ---- arguments --------------------------------------------------------------------------------

    private record Args(int port, Path home, Path plugins, long pageCacheBytes) {
        static Args parse(String[] argv) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < argv.length; i += 2) {
                String key = argv[i];
                if (!List.of("--port", "--home", "--plugins", "--pagecache").contains(key)) {
                    throw new IllegalArgumentException("unknown option " + key);
                }
                if (i + 1 >= argv.length) {
                    throw new IllegalArgumentException(key + " needs a value");
                }
                values.put(key, argv[i + 1]);
            }
            for (String key : List.of("--port", "--home", "--plugins", "--pagecache")) {
                if (!values.containsKey(key)) {
                    throw new IllegalArgumentException("missing " + key);
                }
            }
            int port;
            try {
                port = Integer.parseInt(values.get("--port"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be a number");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be 0..65535");
            }
            long pageCache;
            try {
                pageCache = ByteUnit.parse(values.get("--pagecache"));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--pagecache must be a size like 512m or 4g");
            }
            return new Args(port, Path.of(values.get("--home")).toAbsolutePath(),
                    Path.of(values.get("--plugins")).toAbsolutePath(), pageCache);
        }
    }
}
