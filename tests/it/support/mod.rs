//! Test support: a fake LiveKit, the real daemon in-process on 127.0.0.1:0 with a temp data
//! dir, and the real `pulse` binary run against them with a scrubbed environment.

pub mod fake_livekit;
pub mod pg;
pub mod receiver;
pub mod s3;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub use fake_livekit::{FakeLiveKit, Progress, Upload};
use pulse::config::Config;

pub const ADMIN_TOKEN: &str = "test-admin-token-0123456789";

/// One daemon, one fake LiveKit, one scratch home for the CLI.
pub struct TestEnv {
    pub rt: tokio::runtime::Runtime,
    pub fake: FakeLiveKit,
    pub daemon: Option<pulse::daemon::Handle>,
    pub url: String,
    pub home: tempfile::TempDir,
    pub data: tempfile::TempDir,
    /// The databases this environment's daemons use when the suite runs on PostgreSQL, by
    /// data dir (a daemon restarted on a data dir finds its database again).
    dbs: std::sync::Mutex<Vec<(PathBuf, pg::TestDb)>>,
    /// This test's hold on the machine (`crate::machine`), given back after the daemon stops.
    _machine: crate::machine::Hold,
    /// The harness's own HTTP client. Building one loads the system's CA certificates, which
    /// a client per call did up to hundreds of times a test; no idle connections are kept, so each
    /// call still opens its own, as before.
    http: reqwest::Client,
}

/// Adjusts the daemon's config before it starts.
pub type Tweak = Box<dyn FnOnce(&mut Config, &FakeLiveKit)>;

/// What a `pulse` run printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    /// stdout as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\n{}", self.stdout, self.stderr))
    }

    /// Asserts the exit code, showing the output when it differs.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Self {
        assert_eq!(self.code, expected, "exit code\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

impl TestEnv {
    /// A daemon with default test settings.
    pub fn start() -> TestEnv {
        Self::start_with(Box::new(|_, _| {}))
    }

    /// A daemon whose config `tweak` adjusts.
    pub fn start_with(tweak: Tweak) -> TestEnv {
        Self::start_holding(tweak, crate::machine::share())
    }

    /// A daemon for a drill whose bounds are about timing across several daemon processes: it
    /// runs with no other test beside it (`crate::machine`).
    #[allow(dead_code)] // only the PostgreSQL half's cluster drills
    pub fn start_alone() -> TestEnv {
        Self::start_holding(Box::new(|_, _| {}), crate::machine::alone())
    }

    fn start_holding(tweak: Tweak, machine: crate::machine::Hold) -> TestEnv {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let data = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        let db = pg::TestDb::for_suite();
        let store_url = db.as_ref().map(|d| d.url.clone());
        let (fake, daemon) = rt.block_on(async {
            let fake = FakeLiveKit::start("devkey", "secret").await;
            let mut config = Config::default();
            if let Some(url) = store_url {
                config.store.backend = "postgres".into();
                config.store.url = Some(url);
                config.store.pool_size = 8;
            }
            config.livekit.url = fake.url();
            config.daemon.data_dir = Some(data.path().to_path_buf());
            config.daemon.admin_token = Some(ADMIN_TOKEN.into());
            config.cdn.base_url = Some("https://cdn.test".into());
            config.rate_limit.per_ip_per_minute = 100_000;
            config.rate_limit.per_project_per_minute = 100_000;
            // Millisecond retries, loopback receivers, and no poller unless a test asks.
            config.webhooks.retry_schedule = vec!["50ms".into(), "100ms".into(), "100ms".into(), "100ms".into()];
            config.webhooks.timeout = "1s".into();
            config.webhooks.allowed_cidrs = vec!["127.0.0.0/8".into()];
            config.livekit.reconcile_interval = "1h".into();
            config.usage.aggregate_interval = "1h".into();
            tweak(&mut config, &fake);
            let settings = config.validate().unwrap();
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let daemon = pulse::daemon::spawn(settings, listener).await.unwrap();
            (fake, daemon)
        });
        let url = format!("http://{}", daemon.addr);
        let dbs = std::sync::Mutex::new(db.map(|d| (data.path().to_path_buf(), d)).into_iter().collect());
        let http = harness_client();
        TestEnv { rt, fake, daemon: Some(daemon), url, home, data, dbs, _machine: machine, http }
    }

    /// The environment a `pulse daemon` on `data_dir` needs to find its store: nothing on
    /// sled; on PostgreSQL, a database of its own for that data dir (made on first use).
    pub fn store_env(&self, data_dir: &Path) -> Vec<(String, String)> {
        if !pg::enabled() {
            return Vec::new();
        }
        let mut dbs = self.dbs.lock().unwrap();
        if !dbs.iter().any(|(d, _)| d == data_dir) {
            dbs.push((data_dir.to_path_buf(), pg::TestDb::create()));
        }
        let url = dbs.iter().find(|(d, _)| d == data_dir).map(|(_, db)| db.url.clone()).unwrap();
        vec![("PULSE_STORE_BACKEND".into(), "postgres".into()), ("PULSE_STORE_URL".into(), url)]
    }

    /// The `pulse` binary with a scrubbed environment: its own HOME and XDG dirs, no PULSE_*.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_pulse"));
        c.args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path().join("config"))
            .env("XDG_DATA_HOME", self.home.path().join("data"))
            .stdin(Stdio::null());
        c
    }

    /// `pulse webhooks listen --forward-to forward_to` against the daemon at `url` with `key`,
    /// once it has said `Ready!` (stderr read up to there, stdout dropped).
    pub fn listen(&self, url: &str, key: &str, forward_to: &str) -> std::process::Child {
        let mut listen = self
            .cmd(&["webhooks", "listen", "--forward-to", forward_to])
            .env("PULSE_URL", url)
            .env("PULSE_API_KEY", key)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut ready = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(listen.stderr.as_mut().unwrap()), &mut ready)
            .unwrap();
        assert!(ready.starts_with("Ready!"), "{ready}");
        listen
    }

    /// Runs `pulse` against this daemon with `key` as the project key.
    pub fn pulse(&self, key: &str, args: &[&str]) -> Run {
        let mut c = self.cmd(args);
        c.env("PULSE_URL", &self.url).env("PULSE_API_KEY", key);
        Run::from(c.output().unwrap())
    }

    /// Runs `pulse` with only these extra environment variables.
    pub fn pulse_env(&self, env: &[(&str, &str)], args: &[&str]) -> Run {
        let mut c = self.cmd(args);
        for (k, v) in env {
            c.env(k, v);
        }
        Run::from(c.output().unwrap())
    }

    /// A raw API call: (status, headers, JSON body).
    pub fn api(
        &self,
        method: &str,
        path: &str,
        auth: Option<(&str, &str)>,
        body: Option<Vec<u8>>,
    ) -> (u16, reqwest::header::HeaderMap, Value) {
        let url = format!("{}{path}", self.url);
        self.rt.block_on(async {
            let mut req = self.http.request(method.parse().unwrap(), url);
            if let Some((name, value)) = auth {
                req = req.header(name, value);
            }
            if let Some(b) = body {
                req = req.header("content-type", "application/json").body(b);
            }
            let resp = req.send().await.unwrap();
            let status = resp.status().as_u16();
            let headers = resp.headers().clone();
            let bytes = resp.bytes().await.unwrap();
            (status, headers, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
        })
    }

    /// Creates a project through the admin API; returns (project_id, api_key).
    pub fn project(&self, name: &str) -> (String, String) {
        let body = serde_json::to_vec(&serde_json::json!({"name": name})).unwrap();
        let bearer = format!("Bearer {ADMIN_TOKEN}");
        let (status, _, v) = self.api("POST", "/v1/projects", Some(("authorization", &bearer)), Some(body));
        assert_eq!(status, 201, "{v}");
        (v["project"]["project_id"].as_str().unwrap().into(), v["api_key"].as_str().unwrap().into())
    }

    /// The harness's HTTP client, for calls [`TestEnv::api`] does not make.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    pub fn data_dir(&self) -> &Path {
        self.data.path()
    }

    pub fn config_dir(&self) -> PathBuf {
        self.home.path().join("config").join("pulse")
    }
}

impl Drop for TestEnv {
    fn drop(&mut self) {
        if let Some(d) = self.daemon.take() {
            self.rt.block_on(d.shutdown());
        }
    }
}

/// The harness's client (see `TestEnv::http`): 30 s per call, no idle connections kept.
fn harness_client() -> reqwest::Client {
    pulse::install_tls_provider();
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(30))
        .pool_max_idle_per_host(0)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// An address nothing listens on: port 1, below the ephemeral range, so that no test server
/// bound to port 0 can take it meanwhile (a port bound and closed could be handed to another
/// test's fake LiveKit while this one expects it refused).
pub fn closed_port_url() -> String {
    "http://127.0.0.1:1".into()
}

impl TestEnv {
    /// Sends a LiveKit webhook signed with the dev credentials; returns the status.
    pub fn livekit_webhook(&self, body: &serde_json::Value) -> u16 {
        self.livekit_webhook_at(&self.url, body)
    }

    /// [`TestEnv::livekit_webhook`] to the daemon at `url` (e.g. one from [`spawn_daemon`]).
    pub fn livekit_webhook_at(&self, url: &str, body: &serde_json::Value) -> u16 {
        let bytes = body.to_string().into_bytes();
        let n = receiver::now();
        let token = receiver::livekit_token("devkey", "secret", &bytes, n, n + 300);
        self.rt.block_on(async {
            let sent = self.http.post(format!("{url}/v1/webhooks/livekit")).header("authorization", token).body(bytes);
            sent.send().await.unwrap().status().as_u16()
        })
    }

    /// Creates a project with `body` on the daemon at `url` with the admin token; returns the
    /// answer (`project`, `api_key`, `webhook_endpoint`).
    pub fn project_at(&self, url: &str, body: &serde_json::Value) -> Value {
        self.rt.block_on(async {
            let sent = self.http.post(format!("{url}/v1/projects")).bearer_auth(ADMIN_TOKEN).json(body);
            let answer = sent.send().await.unwrap();
            assert_eq!(answer.status(), 201);
            answer.json().await.unwrap()
        })
    }

    /// Creates a webhook endpoint for `key`'s project pointing at `url`; returns (id, secret).
    pub fn endpoint(&self, key: &str, url: &str, events: &[&str]) -> (String, String) {
        let body = serde_json::json!({"url": url, "events": events});
        let (s, _, v) =
            self.api("POST", "/v1/webhooks/endpoints", Some(("x-pulse-key", key)), Some(body.to_string().into_bytes()));
        assert_eq!(s, 201, "{v}");
        (v["endpoint_id"].as_str().unwrap().into(), v["secret"].as_str().unwrap().into())
    }

    /// Starts a receiver on this environment's runtime.
    pub fn receiver(&self) -> receiver::Receiver {
        self.rt.block_on(receiver::Receiver::start())
    }

    /// The daemon's shared state.
    pub fn state(&self) -> std::sync::Arc<pulse::daemon::AppState> {
        self.daemon.as_ref().unwrap().state.clone()
    }
}

/// Starts `pulse daemon` as a child process on a free port with `extra` environment; returns
/// the child and its URL (read from its JSON log).
pub fn spawn_daemon(env: &TestEnv, data_dir: &Path, extra: &[(&str, &str)]) -> (std::process::Child, String) {
    use std::io::{BufRead, BufReader};
    let mut cmd = env.cmd(&[
        "daemon",
        "--listen",
        "127.0.0.1:0",
        "--data-dir",
        data_dir.to_str().unwrap(),
        "--log-format",
        "json",
    ]);
    cmd.env("PULSE_LIVEKIT_URL", env.fake.url()).stderr(Stdio::piped());
    // A test that names its own store (several daemons on one database) gets only that.
    if !extra.iter().any(|(k, _)| k.starts_with("PULSE_STORE_")) {
        for (k, v) in env.store_env(data_dir) {
            cmd.env(k, v);
        }
    }
    for (k, v) in extra {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Ok(v) = serde_json::from_str::<Value>(&line)
                && v["fields"]["message"] == "pulse daemon listening"
            {
                let _ = tx.send(v["fields"]["addr"].as_str().unwrap().to_string());
            }
        }
    });
    let addr = rx.recv_timeout(std::time::Duration::from_secs(30)).expect("daemon announces its address");
    (child, format!("http://{addr}"))
}

/// Polls `f` every 20 ms until it returns `Some`, for at most `secs`; panics naming `what`.
pub fn eventually<T>(secs: u64, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
