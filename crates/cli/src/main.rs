//! The pii-pause command line: `scan` (offline detection), `doctor` (deployment checks), `invoke` (the handler
//! in-process), `emulator` (the Genesys Cloud, Amazon Connect or NICE CXone emulator).

mod emulator;

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
    /// Say what the configured function will do (pause, dry-run, or fail) and check what that needs
    /// (configuration, secret, region, token, OAuth client, permissions), with the fix for each failure. Changes
    /// nothing. Exits 0 when it will pause recordings, 2 in a working dry-run (pauses nothing), 1 on a failure.
    Doctor {
        /// Print JSON for scripts instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Run the Lambda handler in-process, configured by the environment, over an event file (any shape in
    /// events/) or JSON Lines of events (one invocation per line, one JSON answer per line; lines that fail are
    /// reported on stderr with their line number and the exit code is then 2).
    Invoke {
        /// Input file; standard input when `-`.
        file: PathBuf,
    },
    /// Read the decision ledger, list held conversations, release one (who and why), or create the table.
    Ledger {
        /// The DynamoDB table; PII_PAUSE_LEDGER_TABLE when absent.
        #[arg(long, global = true)]
        table: Option<String>,
        #[command(subcommand)]
        command: LedgerCommand,
    },
    /// Run a platform's emulator (Genesys Cloud, Amazon Connect or NICE CXone) on a loopback address until
    /// interrupted.
    Emulator {
        /// The platform to emulate.
        #[arg(long, default_value = "genesys", value_parser = ["genesys", "connect", "cxone"])]
        platform: String,
        /// Address to listen on (loopback only); port 0 picks a free port.
        #[arg(long, default_value = "127.0.0.1:8787")]
        listen: SocketAddr,
        /// Seed JSON (Genesys: clients, roles, conversations; Connect: instances, contacts; CXone: applications,
        /// access keys, agents, contacts); the embedded demo seed when absent.
        #[arg(long)]
        seed: Option<PathBuf>,
        /// Genesys and CXone: API requests allowed per token per minute before 429.
        #[arg(long)]
        rate_limit: Option<u32>,
        /// Genesys: status of the answer to PAUSED on a recording already in secure pause (200, 400 or 409; the
        /// real service's answer is not documented).
        #[arg(long, value_parser = ["200", "400", "409"])]
        repeated_pause_status: Option<String>,
        /// Print the seed in use and exit.
        #[arg(long)]
        print_seed: bool,
    },
}

#[derive(Subcommand)]
enum LedgerCommand {
    /// Print the ledger item of one conversation (exit 1 when pii-pause never decided it).
    Get { conversation_id: String },
    /// List, one JSON line each, the conversations first held on a day and still held.
    Held {
        /// The day, UTC, as YYYY-MM-DD; today when absent.
        #[arg(long)]
        day: Option<String>,
    },
    /// Release a held conversation: its export becomes `redact` (or `allow` when no PII was found), and who,
    /// when and why are recorded in the item.
    Release {
        conversation_id: String,
        /// Why the conversation may now be exported.
        #[arg(long)]
        reason: String,
        /// Who decided (default: $USER).
        #[arg(long)]
        by: Option<String>,
    },
    /// Create the ledger table (on-demand capacity, held-day index, TTL) for local runs or accounts without the
    /// SAM template.
    CreateTable,
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
                ExitCode::from(diagnosis.verdict.exit_code())
            }
            Err(e) => fail(&e),
        },
        Command::Invoke { file } => invoke(&file),
        Command::Ledger { table, command } => {
            let command = match command {
                LedgerCommand::Get { conversation_id } => {
                    cli::ledger::Command::Get { conversation_id }
                }
                LedgerCommand::Held { day } => cli::ledger::Command::Held { day },
                LedgerCommand::Release {
                    conversation_id,
                    reason,
                    by,
                } => cli::ledger::Command::Release {
                    conversation_id,
                    by: by
                        .or_else(|| std::env::var("USER").ok())
                        .unwrap_or_default(),
                    reason,
                },
                LedgerCommand::CreateTable => cli::ledger::Command::CreateTable,
            };
            match runtime().and_then(|rt| rt.block_on(cli::ledger::run(table, command))) {
                Ok(text) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::Emulator {
            platform,
            listen,
            seed,
            rate_limit,
            repeated_pause_status,
            print_seed,
        } => {
            let served = if platform == "connect" {
                if rate_limit.is_some() || repeated_pause_status.is_some() {
                    return fail("--rate-limit and --repeated-pause-status are Genesys settings; the Connect emulator takes them through its seed or PUT /__emulator/behaviour");
                }
                match emulator::load_seed(seed.as_deref(), pii_pause_emulators::connect::Seed::demo)
                {
                    Ok(s) if print_seed => {
                        println!("{}", emulator::print(&s));
                        return ExitCode::SUCCESS;
                    }
                    Ok(s) => runtime().and_then(|rt| rt.block_on(emulator::run_connect(listen, s))),
                    Err(e) => Err(e),
                }
            } else if platform == "cxone" {
                if repeated_pause_status.is_some() {
                    return fail("--repeated-pause-status is a Genesys setting; the CXone emulator's undocumented behaviour is in its seed's `behaviour` or PUT /__emulator/behaviour");
                }
                match emulator::load_seed(
                    seed.as_deref(),
                    pii_pause_emulators::cxone::TenantSeed::demo,
                ) {
                    Ok(mut s) => {
                        if let Some(r) = rate_limit {
                            s.rate_limit_per_minute = r;
                        }
                        if print_seed {
                            println!("{}", emulator::print(&s));
                            return ExitCode::SUCCESS;
                        }
                        runtime().and_then(|rt| rt.block_on(emulator::run_cxone(listen, s)))
                    }
                    Err(e) => Err(e),
                }
            } else {
                match emulator::load_seed(
                    seed.as_deref(),
                    pii_pause_emulators::genesys::OrgSeed::demo,
                ) {
                    Ok(mut s) => {
                        if let Some(r) = rate_limit {
                            s.rate_limit_per_minute = r;
                        }
                        if let Some(status) = repeated_pause_status.and_then(|s| s.parse().ok()) {
                            s.repeated_pause_status = status;
                        }
                        if print_seed {
                            println!("{}", emulator::print(&s));
                            return ExitCode::SUCCESS;
                        }
                        runtime().and_then(|rt| rt.block_on(emulator::run_genesys(listen, s)))
                    }
                    Err(e) => Err(e),
                }
            };
            match served {
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

fn invoke(file: &std::path::Path) -> ExitCode {
    let outcomes = match cli::input::read(Some(file))
        .and_then(|data| runtime().and_then(|rt| rt.block_on(cli::invoke::run(&data))))
    {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    // One document: the answer pretty-printed, or the error with exit code 1 (as `sam local invoke`).
    if let [cli::invoke::Outcome { line: None, answer }] = outcomes.as_slice() {
        return match answer {
            Ok(a) => {
                println!("{}", serde_json::to_string_pretty(a).unwrap_or_default());
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        };
    }
    let mut failed = 0;
    for outcome in &outcomes {
        match &outcome.answer {
            Ok(a) => println!("{a}"),
            Err(e) => {
                failed += 1;
                eprintln!("line {}: {e}", outcome.line.unwrap_or(0));
            }
        }
    }
    if failed > 0 {
        eprintln!("pii-pause invoke: {failed} line(s) failed (see above)");
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
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
