//! Evaluation of the full default template after one answer, against a trivial baseline
//! (cloning the answers map) measured in the same run. Target: well under 1 ms.
//! Run: `cargo bench -p keukentafel-checklist`.

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use keukentafel_checklist::{AnswerValue, Answers, Checklist, Profile};
use keukentafel_domain::{Heating, Tenure};

fn setup() -> (Checklist, Profile, Answers, NaiveDate) {
    let checklist = Checklist::builtin().expect("default template is valid");
    let profile = Profile {
        tenure: Some(Tenure::HousingAssociation),
        heating: Some(Heating::GasBoiler),
        contract_type: None,
        under_bewind: true,
        adults: 2,
        children: 1,
    };
    let mut answers = Answers::new();
    answers.insert("energy_arrears".into(), AnswerValue::YesNo(true));
    (
        checklist,
        profile,
        answers,
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    )
}

#[divan::bench]
fn evaluate_default_after_one_answer(b: divan::Bencher) {
    let (c, p, a, d) = setup();
    b.bench(|| c.evaluate(black_box(&p), black_box(&a), d));
}

#[divan::bench]
fn baseline_clone_answers(b: divan::Bencher) {
    let (_, _, a, _) = setup();
    b.bench(|| black_box(&a).clone());
}

#[divan::bench]
fn compile_default_template(b: divan::Bencher) {
    b.bench(|| Checklist::builtin().map(|_| ()));
}

fn mean_ns(iterations: u32, mut f: impl FnMut()) -> f64 {
    for _ in 0..iterations / 10 {
        f();
    }
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    start.elapsed().as_nanos() as f64 / iterations as f64
}

fn main() {
    let (c, p, a, d) = setup();
    let eval = mean_ns(2000, || {
        black_box(c.evaluate(black_box(&p), black_box(&a), d));
    });
    let base = mean_ns(200_000, || {
        black_box(black_box(&a).clone());
    });
    println!(
        "evaluate(default template, 1 answer): {:.1} µs; baseline clone(answers): {:.3} µs; ratio {:.0}×; budget 1 ms used {:.1} %",
        eval / 1000.0,
        base / 1000.0,
        eval / base,
        eval / 10_000.0
    );
    divan::main();
}
