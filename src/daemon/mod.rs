//! `pulse daemon`: the control plane. Opens the store, binds the port, serves the API and
//! shuts down cleanly on SIGTERM/SIGINT (SPEC §3).

pub mod auth;
pub mod handlers;
pub mod intake;
pub mod metrics;
pub mod pipeline;
pub mod reconcile;
pub mod reject;
pub mod routes;
pub mod ssrf;
pub mod worker;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::config::{LogFormat, Settings};
use crate::livekit::LiveKit;
use crate::store::{Store, StoreError};

/// Everything a request handler can reach.
pub struct AppState {
    pub settings: Settings,
    pub store: Store,
    pub livekit: LiveKit,
    pub admin_token: String,
    pub started: Instant,
    pub limits: auth::RateLimits,
    pub pipeline: Arc<pipeline::Pipeline>,
    pub worker: Arc<worker::Worker>,
    pub intake: intake::IntakeMetrics,
    /// Becomes true when shutdown starts: long-lived streams end, the worker drains.
    pub stopping: tokio::sync::watch::Receiver<bool>,
}

/// How long shutdown waits for open connections before closing them.
const DRAIN: std::time::Duration = std::time::Duration::from_secs(10);

/// Why the daemon could not start.
#[derive(Debug, thiserror::Error)]
pub enum DaemonError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: SocketAddr, reason: String },
    #[error("admin token file {path}: {reason}")]
    AdminToken { path: PathBuf, reason: String },
}

/// A daemon serving in the background of the current runtime.
pub struct Handle {
    pub addr: SocketAddr,
    pub admin_token: String,
    pub store: Store,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
    /// The shared state (tests poke the reconciler through it).
    pub state: Arc<AppState>,
}

impl Handle {
    /// Stops accepting, lets requests in flight finish, flushes the store.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
    }
}

/// The admin token file inside a data dir.
pub fn admin_token_path(data_dir: &Path) -> PathBuf {
    data_dir.join("admin_token")
}

/// The admin token from config, else from `<data_dir>/admin_token`, generated (mode 0600) on
/// first start.
fn admin_token(settings: &Settings) -> Result<String, DaemonError> {
    if let Some(t) = &settings.admin_token {
        tracing::info!("admin token: from configuration (daemon.admin_token / PULSE_ADMIN_TOKEN)");
        return Ok(t.clone());
    }
    let path = admin_token_path(&settings.data_dir);
    let fail = |e: std::io::Error| DaemonError::AdminToken { path: path.clone(), reason: e.to_string() };
    if let Ok(t) = std::fs::read_to_string(&path) {
        tracing::info!(path = %path.display(), "admin token: read from file");
        return Ok(t.trim().to_string());
    }
    let token = crate::util::new_secret("pulse_admin_");
    write_private(&path, &token).map_err(fail)?;
    tracing::info!(path = %path.display(), "admin token: generated on first start; `pulse projects` finds it there");
    Ok(token)
}

/// Writes a file only its owner can read (0600 from creation, never briefly wider).
pub fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    opts.mode(0o600);
    let mut f = opts.open(path)?;
    // An existing file keeps its old mode through `open`; tighten it before writing.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    f.write_all(contents.as_bytes())?;
    f.sync_all()
}

/// Opens the store and starts serving on `listener` in the background.
pub async fn spawn(settings: Settings, listener: tokio::net::TcpListener) -> Result<Handle, DaemonError> {
    let store = Store::open(&settings.data_dir)?;
    start(settings, store, listener).await
}

/// Starts serving on `listener` over an open store, in the background.
pub async fn start(settings: Settings, store: Store, listener: tokio::net::TcpListener) -> Result<Handle, DaemonError> {
    let admin_token = admin_token(&settings)?;
    let addr = listener.local_addr().map_err(|e| DaemonError::Bind { addr: settings.listen, reason: e.to_string() })?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let wake = Arc::new(tokio::sync::Notify::new());
    let worker = Arc::new(worker::Worker::new(store.clone(), settings.webhooks.clone(), wake.clone()));
    let pipeline = Arc::new(pipeline::Pipeline::new(store.clone(), worker.max_attempts(), wake));
    let state = Arc::new(AppState {
        pipeline,
        worker: worker.clone(),
        intake: intake::IntakeMetrics::default(),
        stopping: stop_rx.clone(),
        livekit: LiveKit::new(&settings.livekit),
        limits: auth::RateLimits::new(
            settings.rate_limit.per_ip_per_minute,
            settings.rate_limit.per_project_per_minute,
        ),
        store: store.clone(),
        admin_token: admin_token.clone(),
        started: Instant::now(),
        settings,
    });
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let worker_task = tokio::spawn(worker.run(stop_rx.clone()));
    let upkeep_task = tokio::spawn(reconcile::run(state.clone(), stop_rx.clone()));
    let routes = routes::routes(state.clone());
    let flush_store = store.clone();
    let mut stopped = stop_rx;
    let task = tokio::spawn(async move {
        let server = warp::serve(routes)
            .incoming(listener)
            .graceful(async move {
                let _ = rx.await;
                // Ends event streams (which never end by themselves) and starts the worker's
                // drain while requests in flight finish.
                let _ = stop_tx.send(true);
            })
            .run();
        tokio::select! {
            _ = server => {}
            _ = async {
                let _ = stopped.wait_for(|s| *s).await;
                tokio::time::sleep(DRAIN).await;
            } => tracing::warn!("connections still open {} s after shutdown began: closing them", DRAIN.as_secs()),
        }
        let _ = worker_task.await;
        let _ = upkeep_task.await;
        if let Err(e) = flush_store.flush_blocking() {
            tracing::error!(error = %e, "final store flush failed");
        }
    });
    Ok(Handle { addr, admin_token, store, shutdown: Some(tx), task, state })
}

/// Sets up logging on stderr: pretty or JSON, ANSI only on a terminal, filter from
/// `PULSE_LOG` or `RUST_LOG` (default `info`, without warp's line per request: a LiveKit join
/// storm would be a log storm; `PULSE_LOG=info,warp=info` brings the access lines back).
pub fn init_logging(format: LogFormat) {
    use std::io::IsTerminal;
    let filter = std::env::var("PULSE_LOG").or_else(|_| std::env::var("RUST_LOG")).unwrap_or_else(|_| "info".into());
    let filter = tracing_subscriber::EnvFilter::try_new(&filter).unwrap_or_else(|_| "info".into());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Pretty => builder.with_ansi(std::io::stderr().is_terminal()).try_init(),
    };
}

/// Runs the daemon in the foreground until SIGTERM or SIGINT.
pub async fn run(settings: Settings) -> Result<(), DaemonError> {
    let listen = settings.listen;
    let data_dir = settings.data_dir.clone();
    // The store first: a second daemon on this data dir must fail before touching the port.
    let store = Store::open(&data_dir)?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| DaemonError::Bind { addr: listen, reason: e.to_string() })?;
    let handle = start(settings, store, listener).await?;
    tracing::info!(addr = %handle.addr, data_dir = %data_dir.display(), version = env!("CARGO_PKG_VERSION"), "pulse daemon listening");
    // systemd Type=notify: ready once the store is open and the port bound.
    let _ = sd_notify::notify(false, &[sd_notify::NotifyState::Ready]);
    shutdown_signal().await;
    tracing::info!("shutting down: finishing requests in flight and flushing the store");
    let _ = sd_notify::notify(false, &[sd_notify::NotifyState::Stopping]);
    handle.shutdown().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler installs");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
