//! Replay benchmark of the pre-emptive pause against the reactive one. Synthetic calls (agent asks, customer answers
//! with PII, small talk around it; five languages; some calls with PII and no request, some with a request refused)
//! are replayed utterance by utterance, in time, through the handler against the Genesys emulator and a moto ledger,
//! each utterance delivered as a transcription event after a configurable delay. The emulator's log of recording
//! changes gives, per mode: seconds of PII audio recorded per 100 calls, calls with any PII recorded, and the cost:
//! seconds of speech without PII lost to pauses.
//!
//!   cargo bench --bench replay -- [--calls 100] [--delays 0.3,1,2] [--speed 1] [--seed 7]
//!
//! `--speed N` runs time N times faster than the calls' own, for a quick look only: the handler's, the emulator's
//! and the ledger's latencies are not scaled, so they weigh N times more and the figures are not the real ones.
//! Refusals stay paused here (no silence check is simulated): the speech lost is an upper bound. Needs moto
//! (`scripts/setup-venv.sh`), as the tests do.

#[path = "../tests/support/mod.rs"]
#[allow(unused_imports)]
mod support;

use pii_pause::app::Invoke;
use pii_pause_emulators::Journaled;
use serde_json::{json, Value};
use std::time::Duration;
use support::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Who {
    Agent,
    Customer,
}

/// One utterance of a synthetic call.
#[derive(Clone)]
struct Said {
    who: Who,
    text: String,
    /// Spoken duration and the silence before it (ms, in the call's own time).
    ms: u64,
    gap_ms: u64,
    /// Ground truth: the utterance holds PII.
    pii: bool,
}

/// A synthetic call.
struct Call {
    said: Vec<Said>,
    /// The agent asks for sensitive data in it (the calls a pre-emptive pause can change).
    asked: bool,
}

struct Lang {
    requests: &'static [&'static str],
    refusals: &'static [&'static str],
    small_talk: &'static [&'static str],
    answers: &'static [&'static str],
}

/// Phrases written for this benchmark (not the rules' own examples). `{card}`, `{ssn}`, `{dob}`, `{cvv}`, `{iban}`
/// are filled with values the detectors validate.
const LANGS: [Lang; 5] = [
    Lang {
        requests: &[
            "okay so to take the payment could you read me the long number on the front of your card",
            "and what's the three digit security code on the back please",
            "can you give me your social security number so I can verify the account",
            "could you confirm your date of birth for me",
            "please read out the card number when you're ready",
        ],
        refusals: &["I'd rather not give that over the phone", "sorry I don't have it with me right now"],
        small_talk: &[
            "thanks for calling billing how can I help you today",
            "I'd like to pay the invoice that came last week",
            "sure I can help you with that",
            "great that's gone through you'll get a confirmation by email",
            "is there anything else I can help you with today",
            "no that's everything thank you",
        ],
        answers: &[
            "yes it's {card}",
            "it's {cvv}",
            "sure it's {ssn}",
            "I was born on {dob}",
        ],
    },
    Lang {
        requests: &[
            "para el pago me puede dar el número de su tarjeta por favor",
            "¿me indica el código de seguridad de tres cifras del reverso?",
            "¿me confirma su fecha de nacimiento?",
        ],
        refusals: &["prefiero no darlo por teléfono"],
        small_talk: &[
            "gracias por llamar en qué puedo ayudarle",
            "quería pagar la última factura",
            "perfecto el pago está hecho",
            "muchas gracias que tenga buen día",
        ],
        answers: &["sí es {card}", "es {cvv}", "nací el {dob}"],
    },
    Lang {
        requests: &[
            "pour le paiement pouvez-vous me donner le numéro de votre carte",
            "et le cryptogramme au dos de la carte s'il vous plaît",
            "pouvez-vous me confirmer votre date de naissance",
        ],
        refusals: &["je préfère ne pas le donner au téléphone"],
        small_talk: &[
            "merci de votre appel que puis-je faire pour vous",
            "je voudrais régler ma facture",
            "c'est bon le paiement est passé",
            "merci beaucoup bonne journée",
        ],
        answers: &["oui c'est {card}", "c'est {cvv}", "je suis né le {dob}"],
    },
    Lang {
        requests: &[
            "für die Zahlung nennen Sie mir bitte Ihre Kartennummer",
            "und die dreistellige Prüfnummer auf der Rückseite bitte",
            "können Sie mir bitte Ihre IBAN durchgeben",
        ],
        refusals: &["das möchte ich am Telefon lieber nicht sagen"],
        small_talk: &[
            "vielen Dank für Ihren Anruf wie kann ich helfen",
            "ich möchte meine Rechnung bezahlen",
            "alles klar die Zahlung ist durch",
            "danke schön auf Wiederhören",
        ],
        answers: &["ja die lautet {card}", "die ist {cvv}", "die IBAN ist {iban}"],
    },
    Lang {
        requests: &[
            "para o pagamento pode me dizer o número do seu cartão",
            "e o código de segurança de três dígitos no verso por favor",
            "pode confirmar a sua data de nascimento",
        ],
        refusals: &["prefiro não dizer por telefone"],
        small_talk: &[
            "obrigado por ligar como posso ajudar",
            "queria pagar a minha fatura",
            "pronto o pagamento foi feito",
            "obrigado tenha um bom dia",
        ],
        answers: &["sim é {card}", "é {cvv}", "nasci em {dob}"],
    },
];

fn luhn_card(rng: &mut fastrand::Rng) -> String {
    let mut digits: Vec<u32> = vec![4];
    for _ in 0..14 {
        digits.push(rng.u32(0..10));
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 0 {
                (d * 2) % 9 + u32::from(d * 2 == 18) * 9
            } else {
                *d
            }
        })
        .sum();
    digits.push((10 - sum % 10) % 10);
    let s: String = digits
        .iter()
        .map(|d| char::from_digit(*d, 10).unwrap_or('0'))
        .collect();
    format!("{} {} {} {}", &s[0..4], &s[4..8], &s[8..12], &s[12..16])
}

fn fill(template: &str, rng: &mut fastrand::Rng) -> String {
    template
        .replace("{card}", &luhn_card(rng))
        .replace("{cvv}", &format!("{}", rng.u32(100..1000)))
        .replace(
            "{ssn}",
            &format!(
                "{}-{:02}-{:04}",
                rng.u32(100..600),
                rng.u32(10..99),
                rng.u32(1000..9999)
            ),
        )
        .replace(
            "{dob}",
            &format!("{} March {}", rng.u32(1..28), rng.u32(1950..2000)),
        )
        .replace("{iban}", "DE89 3704 0044 0532 0130 00")
}

fn said(who: Who, text: String, rng: &mut fastrand::Rng, pii: bool) -> Said {
    let words = text.split_whitespace().count() as u64;
    Said {
        who,
        ms: 400 + words * 330,
        gap_ms: 300 + rng.u64(0..900),
        text,
        pii,
    }
}

/// The calls: 70 % agent asks and the customer answers, 15 % PII without a request, 15 % a request refused.
fn calls(n: usize, seed: u64) -> Vec<Call> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..n)
        .map(|i| {
            let lang = &LANGS[i % LANGS.len()];
            let talk = |rng: &mut fastrand::Rng, who| {
                said(
                    who,
                    lang.small_talk[rng.usize(..lang.small_talk.len())].to_string(),
                    rng,
                    false,
                )
            };
            let mut s = vec![
                talk(&mut rng, Who::Agent),
                talk(&mut rng, Who::Customer),
                talk(&mut rng, Who::Agent),
            ];
            let kind = rng.u32(0..100);
            let k = rng.usize(..lang.requests.len().min(lang.answers.len()));
            if kind < 70 {
                s.push(said(
                    Who::Agent,
                    lang.requests[k].to_string(),
                    &mut rng,
                    false,
                ));
                s.push(said(
                    Who::Customer,
                    fill(lang.answers[k], &mut rng),
                    &mut rng,
                    true,
                ));
            } else if kind < 85 {
                s.push(said(
                    Who::Customer,
                    fill(lang.answers[k], &mut rng),
                    &mut rng,
                    true,
                ));
            } else {
                s.push(said(
                    Who::Agent,
                    lang.requests[k].to_string(),
                    &mut rng,
                    false,
                ));
                s.push(said(
                    Who::Customer,
                    lang.refusals[rng.usize(..lang.refusals.len())].to_string(),
                    &mut rng,
                    false,
                ));
            }
            s.push(talk(&mut rng, Who::Agent));
            s.push(talk(&mut rng, Who::Customer));
            s.push(talk(&mut rng, Who::Agent));
            Call {
                said: s,
                asked: !(70..85).contains(&kind),
            }
        })
        .collect()
}

fn event(
    id: &str,
    start_ms: u64,
    offset_ms: u64,
    duration_ms: u64,
    who: Who,
    text: &str,
    n: usize,
) -> Value {
    json!({"version": "0", "id": format!("replay-{id}-{n}"), "detail-type": "v2.conversations.{id}.transcription",
        "source": "aws.partner/genesys.com/cloud/o/replay", "time": pii_pause::time::iso8601_ms(start_ms + offset_ms + duration_ms),
        "detail": {"eventBody": {"conversationId": id, "transcriptionStartTimeMs": start_ms,
            "transcripts": [{"isFinal": true, "channel": if who == Who::Agent { "INTERNAL" } else { "EXTERNAL" },
                "alternatives": [{"offsetMs": offset_ms, "durationMs": duration_ms, "transcript": text}]}]}}})
}

/// The figures of one mode at one delay.
#[derive(Default)]
struct Figures {
    pii_recorded_ms: u64,
    /// Of which in calls where the agent asked.
    pii_recorded_asked_ms: u64,
    calls_with_pii_recorded: usize,
    calls_with_pii: usize,
    speech_lost_ms: u64,
    paused_ms: u64,
    preceded: usize,
}

async fn replay(
    preemptive: bool,
    calls: &[Call],
    delay_ms: u64,
    speed: u64,
    moto: &Moto,
) -> Figures {
    let emu = genesys().await;
    let (_, ledger) = ledger_table(
        moto,
        if preemptive {
            "replay-pre"
        } else {
            "replay-re"
        },
    )
    .await;
    let flags: &[(&str, &str)] = if preemptive {
        &[
            ("PREEMPTIVE_PAUSE", "true"),
            ("PREEMPTIVE_RESUME", "true"),
            ("GENESYS_RATE_LIMIT_PER_MINUTE", "0"),
        ]
    } else {
        &[
            ("PREEMPTIVE_PAUSE", "false"),
            ("GENESYS_RATE_LIMIT_PER_MINUTE", "0"),
        ]
    };
    let (sm, _) = mock_secrets(&demo_secret());
    let app = app(sm, "genesys/oauth", &emu.url(), flags).with_ledger(Some(ledger));
    let app = std::sync::Arc::new(app);
    let ids: Vec<String> = calls.iter().map(|_| seed_call(&emu)).collect();
    let start = pii_pause::time::now_ms() + 200;
    // Each utterance: (call, spoken from, to) in real (scaled) epoch ms.
    let mut spans: Vec<(usize, u64, u64, bool)> = Vec::new();
    let mut tasks = Vec::new();
    for (c, call) in calls.iter().enumerate() {
        let mut t = 0u64;
        for (n, s) in call.said.iter().enumerate() {
            t += s.gap_ms / speed;
            let (from, duration) = (t, s.ms / speed);
            t += duration;
            spans.push((c, start + from, start + from + duration, s.pii));
            let at = start + t + delay_ms / speed;
            let (app, id, text, who) = (app.clone(), ids[c].clone(), s.text.clone(), s.who);
            tasks.push(async move {
                let wait = at.saturating_sub(pii_pause::time::now_ms());
                tokio::time::sleep(Duration::from_millis(wait)).await;
                let e = event(&id, start, from, duration, who, &text, n);
                let invoke = Invoke {
                    request_id: format!("replay-{n}"),
                    deadline_ms: 0,
                };
                app.handle(&e, &invoke).await.ok()
            });
        }
    }
    let mut figures = Figures::default();
    // One task drives every call's events (the handler's future need not be `Send`).
    for report in futures_util::future::join_all(tasks)
        .await
        .into_iter()
        .flatten()
    {
        {
            figures.preceded += report["results"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|r| r["pausePrecededPii"] == true)
                .count();
        }
    }
    let end = pii_pause::time::now_ms();
    // The recording's changes per call, from the emulator's log of confirmed PUTs.
    let log = emu.state.requests();
    for (c, id) in ids.iter().enumerate() {
        let mut changes: Vec<(u64, bool)> = log
            .iter()
            .filter(|r| {
                r.status == 200
                    && r.path.contains(id.as_str())
                    && r.path.ends_with("/recordingstate")
            })
            .map(|r| (r.at_ms, r.body.contains("PAUSED")))
            .collect();
        changes.sort();
        let paused_between = |from: u64, to: u64| -> u64 {
            let mut paused = false;
            let mut at = start;
            let mut total = 0;
            for &(when, p) in changes.iter().chain([(end.max(to), false)].iter()) {
                let (a, b) = (at.max(from), when.min(to));
                if paused && b > a {
                    total += b - a;
                }
                at = when;
                paused = p;
            }
            total
        };
        let mut pii_recorded = 0;
        let mut had_pii = false;
        for &(_, from, to, pii) in spans.iter().filter(|s| s.0 == c) {
            let paused = paused_between(from, to);
            if pii {
                had_pii = true;
                pii_recorded += (to - from) - paused;
            } else {
                figures.speech_lost_ms += paused * speed;
            }
        }
        let call_end = spans
            .iter()
            .filter(|s| s.0 == c)
            .map(|s| s.2)
            .max()
            .unwrap_or(start);
        figures.paused_ms += paused_between(start, call_end) * speed;
        figures.pii_recorded_ms += pii_recorded * speed;
        if calls[c].asked {
            figures.pii_recorded_asked_ms += pii_recorded * speed;
        }
        figures.calls_with_pii += usize::from(had_pii);
        figures.calls_with_pii_recorded += usize::from(pii_recorded > 0);
    }
    figures
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = arg(&args, "--calls")
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let speed: u64 = arg(&args, "--speed")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1);
    let seed: u64 = arg(&args, "--seed")
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    let delays: Vec<f64> = arg(&args, "--delays")
        .unwrap_or_else(|| "0.3,1,2".into())
        .split(',')
        .filter_map(|d| d.trim().parse().ok())
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"));
    runtime.block_on(async {
        let moto = Moto::start().await;
        let calls = calls(n, seed);
        let per100 = |ms: u64| ms as f64 / 1000.0 * 100.0 / n as f64;
        println!("{n} synthetic calls (seed {seed}), replayed {speed}x faster than spoken; figures per 100 calls, in seconds of call audio\n");
        println!("| Delivery delay | Mode | PII audio recorded | Calls with PII recorded | Speech without PII lost | Time paused | Pause preceded the PII |");
        println!("|---:|---|---:|---:|---:|---:|---:|");
        for delay in delays {
            let delay_ms = (delay * 1000.0) as u64;
            let reactive = replay(false, &calls, delay_ms, speed, &moto).await;
            let pre = replay(true, &calls, delay_ms, speed, &moto).await;
            for (mode, f) in [("reactive", &reactive), ("pre-emptive + resume", &pre)] {
                println!(
                    "| {delay} s | {mode} | {:.1} s | {} of {} | {:.1} s | {:.1} s | {} |",
                    per100(f.pii_recorded_ms),
                    f.calls_with_pii_recorded,
                    f.calls_with_pii,
                    per100(f.speech_lost_ms),
                    per100(f.paused_ms),
                    f.preceded
                );
            }
            let less = |pre: u64, reactive: u64| 100.0 * (1.0 - pre as f64 / reactive.max(1) as f64);
            println!(
                "| {delay} s | pre-emptive vs reactive | {:.0} % less ({:.0} % less in the calls where the agent asked) | | | | |",
                less(pre.pii_recorded_ms, reactive.pii_recorded_ms),
                less(pre.pii_recorded_asked_ms, reactive.pii_recorded_asked_ms)
            );
        }
    });
}
