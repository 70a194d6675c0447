//! The pii-pause command line: `scan` (offline detection), `doctor` (deployment checks), `invoke` (the handler
//! in-process), `emulator` (the Genesys Cloud emulator).

use clap::{Parser, Subcommand};
use pii_pause::cli;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "pii-pause",
    version,
    about = "Detect PII in Genesys Cloud conversation metadata and secure-pause recordings"
)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan a file (or standard input) offline with the Lambda's detection: one event or record,
    /// JSON Lines of records or events, or a JSON array of them. Prints one JSON line per
    /// conversation, {"conversationId", "findings": [{"kind", "field"}]} (plus "incomplete" when
    /// it could not be scanned fully), and a summary on standard error. Streams, on every core.
    ///
    /// Exit codes: 0 scanned; 1 could not run; 2 the input was empty, an input was rejected or a
    /// conversation was not fully scanned (the Lambda would hold it); 3 findings with
    /// --fail-on-findings.
    Scan {
        /// Input file; standard input when absent or `-`.
        file: Option<PathBuf>,
        /// Exit with 3 when anything is found (for CI).
        #[arg(long)]
        fail_on_findings: bool,
        /// Worker threads; one per core by default.
        #[arg(long)]
        jobs: Option<usize>,
    },
    /// Check the deployment (configuration, secret, region, token, OAuth client, pause permission) and say
    /// how to fix each failure. Changes nothing. Exits 1 when pii-pause could not pause.
    Doctor {
        /// Print JSON for scripts instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Run the Lambda handler in-process over an event file, configured by the environment.
    Invoke {
        /// Event file (any shape in events/).
        file: PathBuf,
    },
    /// Run the Genesys Cloud emulator on a loopback address until interrupted.
    Emulator {
        /// Address to listen on (loopback only); port 0 picks a free port.
        #[arg(long, default_value = "127.0.0.1:8787")]
        listen: SocketAddr,
        /// Org seed JSON (clients, roles, conversations); the embedded demo org when absent.
        #[arg(long)]
        seed: Option<PathBuf>,
        /// API requests allowed per token per minute before 429.
        #[arg(long)]
        rate_limit: Option<u32>,
        /// Print the seed in use and exit.
        #[arg(long)]
        print_seed: bool,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    match args.command {
        Command::Scan {
            file,
            fail_on_findings,
            jobs,
        } => scan(file, fail_on_findings, jobs),
        Command::Doctor { json } => match runtime() {
            Ok(rt) => {
                let diagnosis =
                    rt.block_on(cli::doctor::run(pii_pause::config::Config::from_env()));
                if json {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&diagnosis).unwrap_or_default()
                    );
                } else {
                    print!("{}", diagnosis.table());
                }
                if diagnosis.ok {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                }
            }
            Err(e) => fail(&e),
        },
        Command::Invoke { file } => runtime()
            .and_then(|rt| rt.block_on(cli::invoke::run(&file)))
            .map_or_else(
                |e| fail(&e),
                |answer| {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&answer).unwrap_or_default()
                    );
                    ExitCode::SUCCESS
                },
            ),
        Command::Emulator {
            listen,
            seed,
            rate_limit,
            print_seed,
        } => {
            let seed = match cli::emulator::load_seed(seed.as_deref()) {
                Ok(mut s) => {
                    if let Some(r) = rate_limit {
                        s.rate_limit_per_minute = r;
                    }
                    s
                }
                Err(e) => return fail(&e),
            };
            if print_seed {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&seed).unwrap_or_default()
                );
                return ExitCode::SUCCESS;
            }
            match runtime().and_then(|rt| rt.block_on(cli::emulator::run(listen, seed))) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e),
            }
        }
    }
}

fn scan(file: Option<PathBuf>, fail_on_findings: bool, jobs: Option<usize>) -> ExitCode {
    let config = match cli::scan::scan_config() {
        Ok(c) => c,
        Err(e) => return fail(&e.to_string()),
    };
    let mut input: Box<dyn std::io::Read + Send> = match file.as_deref() {
        None => Box::new(std::io::stdin()),
        Some(p) if p.as_os_str() == "-" => Box::new(std::io::stdin()),
        Some(p) => match std::fs::File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => return fail(&format!("cannot open {}: {e}", p.display())),
        },
    };
    let mut options = cli::scan::ScanOptions::default();
    if let Some(jobs) = jobs {
        options.jobs = jobs.max(1);
    }
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut err = std::io::stderr().lock();
    match cli::scan::run(&config, options, &mut *input, &mut out, &mut err) {
        Ok(summary) => {
            if out.flush().is_err() {
                return ExitCode::FAILURE;
            }
            let _ = writeln!(err, "{}", summary.line());
            ExitCode::from(summary.exit_code(fail_on_findings))
        }
        Err(e) => fail(&format!("scan failed: {e}")),
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))
}

fn fail(message: &str) -> ExitCode {
    eprintln!("pii-pause: {message}");
    ExitCode::FAILURE
}
