//! Calibration against programme results (issue 9, assets/reference/README.md): the packages
//! the evaluated programmes handed out, saved by an average household (default figures: 928 m³
//! gas, 2.2 persons, gas boiler), valued at the prices of the evaluation year, must reproduce
//! the reported result within [`TOLERANCE`].
//!
//! Why a tolerance of 25 %: the reported results are averages over thousands of homes of every
//! size (Step2Save: ≈ €400,000 over ≈ 3,200 addresses, rounded), the packages' exact contents per
//! home are not published (how many LEDs, how many radiators), and the historic prices are
//! year averages. Within a quarter the app's per-item figures and the programmes tell the same
//! story; further apart, a figure is wrong.

use keukentafel_checklist::{default_figures, package_saving, Saving};

const TOLERANCE: f64 = 0.25;

struct Programme {
    name: &'static str,
    /// What one household got, as (measure id, quantity).
    package: &'static [(&'static str, u32)],
    year: u32,
    /// Figure ids of the gas and electricity price in the evaluation year.
    prices: (&'static str, &'static str),
    /// Reported saving per household per year (€), if any.
    reported_eur: Option<f64>,
}

const PROGRAMMES: &[Programme] = &[
    // Movisie magazine (seeds/002): Step2Save Amsterdam, evaluated April 2019: LED lamps,
    // radiator foil, a water-saving shower head and a shower timer; ≈ €137 per household a
    // year. Package per home as in the issue: 8 LEDs, foil on 4 radiators.
    Programme {
        name: "Step2Save (Amsterdam, 2019)",
        package: &[
            ("led", 8),
            ("radiator_foil", 4),
            ("shower_head", 1),
            ("shower_timer", 1),
        ],
        year: 2019,
        prices: ("price_gas_marginal_2019", "price_electricity_marginal_2019"),
        reported_eur: Some(137.0),
    },
    // ECN-E--17-002 (Straver et al. 2017): products installed by the adviser (radiator foil,
    // draught strips) plus LEDs and a shower head in most of the five projects; ≈ €100 per
    // household a year (Straver via Creditexpo). Package per home is our estimate.
    Programme {
        name: "ECN-studie (5 projecten, 2017)",
        package: &[
            ("radiator_foil", 4),
            ("draught_strips", 1),
            ("led", 4),
            ("shower_head", 1),
        ],
        year: 2017,
        prices: ("price_gas_marginal_2017", "price_electricity_marginal_2017"),
        reported_eur: Some(100.0),
    },
    // FIXbrigade Nederland impact report 2023 (Gemeente.nu 2024-11): setting the heating
    // (boiler at 60 °C), radiator fans and foil, draught strips, LEDs; ≈ €330 per household,
    // 141 m³ + 345 kWh (derived). Package per home is our estimate.
    Programme {
        name: "FIXbrigade (24 gemeenten, 2023)",
        package: &[
            ("flow_temp_60", 1),
            ("radiator_fan", 2),
            ("radiator_foil", 4),
            ("draught_strips", 1),
            ("led", 10),
        ],
        year: 2023,
        prices: ("price_gas_marginal_2023", "price_electricity_marginal_2023"),
        reported_eur: Some(330.0),
    },
    // Energiebox (Stichting Trias, Trouw): a one-hour talk, an advice report and a box with
    // draught strips and radiator foil. No measured saving is published in the research, so it
    // is shown at 2026 prices only.
    Programme {
        name: "Energiebox (Trias)",
        package: &[
            ("draught_strips", 1),
            ("radiator_foil", 4),
            ("curtains_doors", 1),
        ],
        year: 2026,
        prices: ("price_gas_marginal", "price_electricity_marginal"),
        reported_eur: None,
    },
];

fn value(s: &Saving, prices: (&str, &str)) -> f64 {
    let f = default_figures();
    let pg = f.value(prices.0).expect("historic gas price is a figure");
    let pe = f
        .value(prices.1)
        .expect("historic electricity price is a figure");
    s.gas_m3 * pg + s.electricity_kwh * pe
}

#[test]
fn programme_packages_reproduce_the_reported_results() {
    let f = default_figures();
    let mut table = String::from(
        "| programme | package | m³ gas | kWh | € at year's prices | reported | difference | € at 2026 prices |\n|---|---|---|---|---|---|---|---|\n",
    );
    for p in PROGRAMMES {
        // Average household: 2.2 persons (adults = children = 0 means "the average size").
        let s = package_saving(f, p.package, 0, 0);
        assert!(s.gas_m3 > 0.0, "{}: saves gas", p.name);
        let then = value(&s, p.prices);
        let now = value(&s, ("price_gas_marginal", "price_electricity_marginal"));
        let diff = p.reported_eur.map(|r| (then - r) / r);
        let package = p
            .package
            .iter()
            .map(|(m, q)| format!("{q}× {m}"))
            .collect::<Vec<_>>()
            .join(", ");
        table.push_str(&format!(
            "| {} | {} | {:.0} | {:.0} | €{:.0} ({}) | {} | {} | €{:.0} |\n",
            p.name,
            package,
            s.gas_m3,
            s.electricity_kwh,
            then,
            p.year,
            p.reported_eur.map_or("–".into(), |r| format!("€{r:.0}")),
            diff.map_or("–".into(), |d| format!("{:+.0} %", d * 100.0)),
            now,
        ));
        if let Some(d) = diff {
            assert!(
                d.abs() <= TOLERANCE,
                "{}: €{then:.0} at {} prices against €{:.0} reported ({:+.0} %)",
                p.name,
                p.year,
                p.reported_eur.unwrap(),
                d * 100.0
            );
        }
        assert!(
            now >= then - 1e-9 || p.year == 2023,
            "today's euros are higher than before 2022"
        );
    }
    eprintln!("{table}");
}

#[test]
fn fixbrigade_physical_gas_saving_is_in_line() {
    // The FIXbrigade report gives physical savings: ≈ 141 m³ gas per home (derived from
    // 647,820 m³ over 4,597 homes). Our package gives the gas within the tolerance; its
    // electricity (345 kWh) is not reproduced by LEDs alone (see the README).
    let s = package_saving(default_figures(), PROGRAMMES[2].package, 0, 0);
    let d = (s.gas_m3 - 141.0) / 141.0;
    assert!(d.abs() <= TOLERANCE, "{} m³ against 141 m³", s.gas_m3);
}
