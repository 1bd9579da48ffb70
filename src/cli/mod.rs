//! The command line: global flags, the command tree, and how a command finds its control
//! plane (flag > env > context > local daemon). One module per command group.

pub mod completions;
pub mod console;
pub mod context;
pub mod daemon;
pub mod egress;
pub mod ingress;
pub mod projects;
pub mod rules;
pub mod status;
pub mod store;
pub mod token;
pub mod usage;
pub mod webhooks;

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::client::{Client, is_local};
use crate::contexts::Contexts;
use crate::error::{CliError, EXIT_CODES};
use crate::output::{Format, Output};

/// The local daemon's address when nothing else is configured.
pub const DEFAULT_URL: &str = "http://127.0.0.1:8081";

/// pulse: a multi-tenant media control plane for LiveKit, and its command-line tool.
#[derive(Debug, Parser)]
#[command(name = "pulse", version, propagate_version = true, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Use this saved context [env: PULSE_CONTEXT]
    #[arg(long, global = true, value_name = "NAME")]
    pub context: Option<String>,
    /// Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]
    #[arg(long, global = true, value_name = "URL")]
    pub url: Option<String>,
    /// Project API key [env: PULSE_API_KEY]
    #[arg(long, global = true, value_name = "KEY")]
    pub api_key: Option<String>,
    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Short for --format json
    #[arg(long, global = true)]
    pub json: bool,
    /// Print only ids, one per line
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Never use colour (pulse prints none; accepted so scripts can always pass it)
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Say which URL, key and context are used, and where each came from
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Config file (the daemon's; the CLI reads it to find a local daemon's admin token) [env: PULSE_CONFIG]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record and restream rooms: start, stop, get, list
    #[command(subcommand)]
    Egress(egress::EgressCmd),
    /// Record rooms automatically: add, list, get, remove recording rules
    #[command(subcommand)]
    Rules(rules::RulesCmd),
    /// Let encoders publish into rooms (RTMP, WHIP, URL pull)
    #[command(subcommand)]
    Ingress(ingress::IngressCmd),
    /// Manage projects (admin)
    #[command(subcommand)]
    Projects(projects::ProjectsCmd),
    /// Saved control planes and keys
    #[command(subcommand)]
    Context(context::ContextCmd),
    /// Room join tokens
    #[command(subcommand)]
    Token(token::TokenCmd),
    /// Webhook deliveries, endpoints, replay, listen and verify
    #[command(subcommand)]
    Webhooks(webhooks::WebhooksCmd),
    /// The browser console: links that open it on one project
    #[command(subcommand)]
    Console(console::ConsoleCmd),
    /// Usage: participant and egress minutes, recording bytes, deliveries, by day, hour or room
    Usage(usage::UsageArgs),
    /// Control plane and LiveKit health
    Status,
    /// Work on a store directly: copy one into another (sled ⇄ PostgreSQL)
    #[command(subcommand)]
    Store(store::StoreCmd),
    /// Run the control plane
    Daemon(daemon::DaemonArgs),
    /// Print shell completions
    Completions(completions::CompletionsArgs),
}

/// Where a setting came from, for `-v` and `pulse context show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env,
    Context,
    LocalDaemon,
    Default,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Source::Flag => "flag",
            Source::Env => "environment",
            Source::Context => "context",
            Source::LocalDaemon => "local daemon",
            Source::Default => "default",
        })
    }
}

/// The control plane a command talks to, and where each part came from.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub context: Option<(String, Source)>,
    pub url: (String, Source),
    pub api_key: Option<(String, Source)>,
    pub admin_token: Option<(String, Source)>,
}

/// What every command gets: the output, the global flags, the environment.
pub struct Ctx {
    pub out: Output,
    pub global: GlobalArgs,
    pub env: HashMap<String, String>,
}

impl Ctx {
    fn env(&self, name: &str) -> Option<String> {
        self.env.get(name).filter(|v| !v.is_empty()).cloned()
    }

    /// Works out URL, key and admin token: flag > env > context > local daemon > default.
    pub fn resolve(&self) -> Result<Resolved, CliError> {
        let contexts = Contexts::load()?;
        let context = match (&self.global.context, self.env("PULSE_CONTEXT"), &contexts.current) {
            (Some(c), _, _) => Some((c.clone(), Source::Flag)),
            (None, Some(c), _) => Some((c, Source::Env)),
            (None, None, Some(c)) => Some((c.clone(), Source::Context)),
            _ => None,
        };
        let saved = match &context {
            Some((name, source)) => match contexts.contexts.get(name) {
                Some(c) => Some(c.clone()),
                None if *source == Source::Context => None,
                None => {
                    return Err(CliError::Usage(format!("no context named `{name}`; see `pulse context list`")));
                }
            },
            None => None,
        };
        let pick = |flag: &Option<String>, env: &str, ctx: Option<String>| -> Option<(String, Source)> {
            flag.clone()
                .map(|v| (v, Source::Flag))
                .or_else(|| self.env(env).map(|v| (v, Source::Env)))
                .or_else(|| ctx.map(|v| (v, Source::Context)))
        };
        let url = pick(&self.global.url, "PULSE_URL", saved.as_ref().map(|c| c.url.clone()))
            .unwrap_or_else(|| (DEFAULT_URL.to_string(), Source::Default));
        let api_key = pick(&self.global.api_key, "PULSE_API_KEY", saved.as_ref().and_then(|c| c.api_key.clone()));
        let mut admin_token = pick(&None, "PULSE_ADMIN_TOKEN", saved.as_ref().and_then(|c| c.admin_token.clone()));
        if admin_token.is_none() && is_local(&url.0) {
            admin_token = self.local_admin_token().map(|t| (t, Source::LocalDaemon));
        }
        Ok(Resolved { context: context.filter(|_| saved.is_some()), url, api_key, admin_token })
    }

    /// A local daemon's admin token, found the way the daemon finds it (README "Set up").
    fn local_admin_token(&self) -> Option<String> {
        let file = crate::config::config_path(self.global.config.as_deref(), &self.env).ok()?;
        let config = crate::config::Config::load(file.as_deref(), &self.env, &Default::default()).ok()?;
        if let Some(t) = config.daemon.admin_token {
            return Some(t);
        }
        let settings = config.validate().ok()?;
        let text = std::fs::read_to_string(crate::dirs::admin_token_path(&settings.data_dir)).ok()?;
        Some(text.trim().to_string())
    }

    /// The client for the resolved control plane (`-v` says where it came from).
    pub fn client(&self) -> Result<Client, CliError> {
        let r = self.resolve()?;
        if self.global.verbose {
            let mut err = std::io::stderr();
            let _ = writeln!(err, "pulse: url {} (from {})", r.url.0, r.url.1);
            if let Some((name, src)) = &r.context {
                let _ = writeln!(err, "pulse: context {name} (from {src})");
            }
            match &r.api_key {
                Some((k, src)) => {
                    let _ = writeln!(err, "pulse: api key {} (from {src})", crate::util::mask_tail(k));
                }
                None => {
                    let _ = writeln!(err, "pulse: no api key");
                }
            }
        }
        Ok(Client::new(&r.url.0, r.api_key.map(|k| k.0), r.admin_token.map(|t| t.0)))
    }
}

/// Parses the command line, runs the command, prints any error, returns the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    match run(cli) {
        Ok(()) | Err(CliError::BrokenPipe) => ExitCode::SUCCESS,
        Err(e) => {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "pulse: error: {e}");
            if let Some(hint) = e.hint() {
                let _ = writeln!(err, "  hint: {hint}");
            }
            ExitCode::from(e.exit_code())
        }
    }
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<(), CliError> {
    let env: HashMap<String, String> = std::env::vars().collect();
    let format = if cli.global.json { Format::Json } else { cli.global.format };
    let mut global = cli.global;
    if matches!(cli.command, Command::Ingress(ingress::IngressCmd::Create(_))) {
        // The CLI gives `ingress create` its own `--url` (the URL to pull from), which clap
        // merges with the global `--url`; there it is the pull URL only, and the control
        // plane comes from PULSE_URL or the context.
        global.url = None;
    }
    let ctx = Ctx { out: Output { format, quiet: global.quiet }, global, env };
    match cli.command {
        Command::Daemon(args) => daemon::run(&ctx, args),
        Command::Completions(args) => completions::run(args),
        Command::Context(cmd) => context::run(&ctx, cmd),
        command => {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| CliError::Other(e.to_string()))?;
            rt.block_on(async {
                match command {
                    Command::Egress(cmd) => egress::run(&ctx, cmd).await,
                    Command::Ingress(cmd) => ingress::run(&ctx, cmd).await,
                    Command::Rules(cmd) => rules::run(&ctx, cmd).await,
                    Command::Console(cmd) => console::run(&ctx, cmd).await,
                    Command::Projects(cmd) => projects::run(&ctx, cmd).await,
                    Command::Token(cmd) => token::run(&ctx, cmd).await,
                    Command::Webhooks(cmd) => webhooks::run(&ctx, cmd).await,
                    Command::Status => status::run(&ctx).await,
                    Command::Usage(a) => usage::run(&ctx, a).await,
                    Command::Store(cmd) => store::run(&ctx, cmd).await,
                    Command::Daemon(_) | Command::Completions(_) | Command::Context(_) => unreachable!("handled above"),
                }
            })
        }
    }
}

/// `--page` and `--limit` of every list command.
#[derive(Debug, Clone, Copy, Args)]
pub struct PageArgs {
    /// Page, from 1
    #[arg(long, default_value_t = 1)]
    pub page: u32,
    /// Items per page, 1–100
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
}

impl PageArgs {
    /// `page` and `limit` as query pairs.
    pub fn pairs(&self) -> [(&'static str, Option<String>); 2] {
        [("page", Some(self.page.to_string())), ("limit", Some(self.limit.to_string()))]
    }
}

/// `a, b` query string from optional pairs.
pub fn query(pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", crate::util::encode_path_segment(v))))
        .collect();
    if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
}

/// "page 1 of 3 (57 total)" under a table, when there is more than one page.
pub fn page_footer(p: &crate::api::Pagination) -> Option<String> {
    (p.total_pages > 1).then(|| format!("page {} of {} ({} total); see --page", p.page, p.total_pages, p.total))
}

/// Runs `op` for every id. All are tried; later failures are printed, the first one decides
/// the exit code (as `lk egress stop` does).
pub async fn each_id<F, Fut>(ids: Vec<String>, mut op: F) -> Result<(), CliError>
where
    F: FnMut(String) -> Fut,
    Fut: std::future::Future<Output = Result<(), CliError>>,
{
    let mut first_err = None;
    for id in ids {
        match op(id.clone()).await {
            Ok(()) => {}
            Err(CliError::BrokenPipe) => return Err(CliError::BrokenPipe),
            Err(e) if first_err.is_none() => first_err = Some(e),
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "pulse: error: {id}: {e}");
            }
        }
    }
    first_err.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap merges a subcommand argument with a global flag of the same id, so a positional
    /// `url` silently becomes the control plane URL. Only flags the CLI gives the same name may
    /// share an id: `context add --url/--api-key` (the same meaning: what to save) and
    /// `ingress create --url` (the pull URL; `run` handles it).
    #[test]
    fn no_subcommand_argument_shadows_a_global_flag() {
        let root = super::Cli::command();
        let globals: Vec<String> =
            root.get_arguments().filter(|a| a.is_global_set()).map(|a| a.get_id().to_string()).collect();
        fn walk(cmd: &clap::Command, path: String, globals: &[String], clashes: &mut Vec<String>) {
            for arg in cmd.get_arguments().filter(|a| !a.is_global_set()) {
                let allowed = matches!(
                    (path.as_str(), arg.get_id().as_str()),
                    ("pulse ingress create", "url") | ("pulse context add", "url" | "api_key")
                );
                if globals.contains(&arg.get_id().to_string()) && !allowed {
                    clashes.push(format!("{path}: {}", arg.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, format!("{path} {}", sub.get_name()), globals, clashes);
            }
        }
        let mut clashes = Vec::new();
        walk(&root, "pulse".into(), &globals, &mut clashes);
        assert!(clashes.is_empty(), "{clashes:?}");
    }
}
