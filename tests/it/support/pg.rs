//! The suite's PostgreSQL: when the suite runs on that backend (the `pg` half of the suite), each
//! daemon gets a database of its own on the server at `PULSE_TEST_PG_URL` (default
//! `postgres://postgres@127.0.0.1:5432/test`), dropped when the test ends.

use std::sync::OnceLock;

/// Whether this test binary runs the suite on PostgreSQL.
pub fn enabled() -> bool {
    super::super::BACKEND == "postgres"
}

/// The server's admin URL.
pub fn server_url() -> String {
    std::env::var("PULSE_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// Runs `f` on a runtime of its own (callers may be inside another runtime).
fn on_own_runtime<T: Send + 'static>(f: impl Future<Output = T> + Send + 'static) -> T {
    std::thread::spawn(move || tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f))
        .join()
        .unwrap()
}

async fn admin() -> Result<tokio_postgres::Client, tokio_postgres::Error> {
    let (client, conn) = tokio_postgres::connect(&server_url(), tokio_postgres::NoTls).await?;
    tokio::spawn(conn);
    Ok(client)
}

/// Checks once that the server answers. Outside CI, a missing server skips the whole
/// PostgreSQL run (saying so); under `CI=true` it is a failure.
fn reachable() {
    static CHECKED: OnceLock<()> = OnceLock::new();
    CHECKED.get_or_init(|| {
        if let Err(e) = on_own_runtime(async { admin().await.map(drop) }) {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("CI=true and no PostgreSQL at {}: {e}", server_url());
            }
            eprintln!(
                "SKIPPED: the PostgreSQL suite: no server at {} ({e}); set PULSE_TEST_PG_URL, or CI=true to require it",
                server_url()
            );
            std::process::exit(0);
        }
    });
}

/// A database made for one test, dropped with it.
pub struct TestDb {
    pub url: String,
    name: String,
}

impl TestDb {
    /// A database for the suite's daemon, when the suite runs on PostgreSQL.
    pub fn for_suite() -> Option<TestDb> {
        enabled().then(TestDb::create)
    }

    /// A new, empty database.
    pub fn create() -> TestDb {
        reachable();
        let name = format!("pulse_t_{}", ulid::Ulid::new().to_string().to_lowercase());
        let n = name.clone();
        on_own_runtime(async move { admin().await?.batch_execute(&format!("CREATE DATABASE {n}")).await })
            .expect("create a test database");
        let base = server_url();
        let prefix = base.rsplit_once('/').map_or(base.as_str(), |(p, _)| p);
        TestDb { url: format!("{prefix}/{name}"), name }
    }
}

impl TestDb {
    /// The database's name.
    #[allow(dead_code)] // only the PostgreSQL drills take a database away
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let n = self.name.clone();
        let _ = on_own_runtime(async move {
            admin().await?.batch_execute(&format!("DROP DATABASE IF EXISTS {n} WITH (FORCE)")).await
        });
    }
}
