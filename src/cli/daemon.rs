//! `pulse daemon`: loads the configuration and runs the control plane.

use std::path::PathBuf;

use clap::Args;

use super::Ctx;
use crate::config::{Config, Flags, config_path};
use crate::error::CliError;

/// `pulse daemon` flags (`--config` is global).
#[derive(Debug, Args)]
pub struct DaemonArgs {
    /// Listen address [default: 127.0.0.1:8081]
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,
    /// Data directory [default: $STATE_DIRECTORY, else the platform data dir]
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Log format: pretty or json
    #[arg(long, value_parser = ["pretty", "json"])]
    log_format: Option<String>,
    /// Validate the configuration and exit
    #[arg(long)]
    check_config: bool,
}

/// Runs the daemon until SIGTERM/SIGINT.
pub fn run(ctx: &Ctx, args: DaemonArgs) -> Result<(), CliError> {
    let file = config_path(ctx.global.config.as_deref(), &ctx.env).map_err(|e| CliError::Config(e.0))?;
    let flags = Flags { listen: args.listen, data_dir: args.data_dir, log_format: args.log_format };
    let settings = Config::load(file.as_deref(), &ctx.env, &flags)
        .and_then(|c| c.validate())
        .map_err(|e| CliError::Config(e.0))?;
    let warnings = crate::config::warnings(file.as_deref(), &settings);
    if args.check_config {
        for w in &warnings {
            ctx.out.status(&format!("warning: {w}"));
        }
        let from = file.map(|f| f.display().to_string()).unwrap_or_else(|| "built-in defaults".into());
        ctx.out.status(&format!(
            "configuration is valid ({from}); listen {}, data dir {}",
            settings.listen,
            settings.data_dir.display()
        ));
        return Ok(());
    }
    // Whatever the umask the daemon was started under, what it creates (the store's files,
    // made by sled) is its owner's alone.
    crate::dirs::private_umask();
    crate::daemon::init_logging(settings.log_format);
    for w in &warnings {
        tracing::warn!("{w}");
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("pulse-daemon")
        .build()
        .map_err(|e| CliError::Other(e.to_string()))?;
    rt.block_on(crate::daemon::run(settings)).map_err(|e| CliError::Other(e.to_string()))
}
