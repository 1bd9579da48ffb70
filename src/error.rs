//! The CLI's one error type, and the exit codes it maps to (README "Exit codes").

/// The exit codes, as `--help` and the man page list them.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  other failure
  2  usage error
  3  control plane unreachable
  4  authentication or permission (401/403)
  5  not found (404)
  6  invalid or conflicting request (400/409/413/422)
  7  server or upstream error (5xx)
  8  --wait timed out, or the egress failed";

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Usage(String),
    #[error("cannot reach the control plane at {url}: {reason}")]
    Unreachable { url: String, reason: String, local: bool },
    #[error("{0}")]
    Auth(String),
    #[error("{message}")]
    Api { status: u16, code: String, message: String, field: Option<String> },
    #[error("{0}")]
    Wait(String),
    #[error("{0}")]
    Config(String),
    #[error("{0}")]
    Other(String),
    /// stdout was closed (`pulse egress list | head -1`): not an error.
    #[error("broken pipe")]
    BrokenPipe,
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::BrokenPipe => 0,
            CliError::Config(_) | CliError::Other(_) => 1,
            CliError::Usage(_) => 2,
            CliError::Unreachable { .. } => 3,
            CliError::Auth(_) => 4,
            CliError::Api { status, .. } => match status {
                401 | 403 => 4,
                404 => 5,
                400 | 409 | 413 | 422 | 429 => 6,
                500..=599 => 7,
                _ => 1,
            },
            CliError::Wait(_) => 8,
        }
    }

    /// A next step, where one helps.
    pub fn hint(&self) -> Option<String> {
        match self {
            CliError::Unreachable { local: true, .. } => {
                Some("is `pulse daemon` running? start it with `pulse daemon`".into())
            }
            CliError::Unreachable { local: false, .. } => {
                Some("check the URL (--url, PULSE_URL or the context: `pulse context show`)".into())
            }
            CliError::Api { status: 401, code, .. } if code == "unauthenticated" => Some(
                "check the credentials: --api-key, PULSE_API_KEY or the context (`pulse context show`); admin commands use PULSE_ADMIN_TOKEN".into(),
            ),
            CliError::Api { status: 429, .. } => Some("wait a moment and retry".into()),
            CliError::Api { status: 502 | 503, .. } => Some("check LiveKit with `pulse status`".into()),
            _ => None,
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe { CliError::BrokenPipe } else { CliError::Other(e.to_string()) }
    }
}
