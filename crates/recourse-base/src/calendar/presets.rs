//! Holiday presets: the holidays of a country or of its banks as rules, each with its legal
//! source. A calendar names them (`presets = ["br_national"]`) and adds its own rules and
//! dated one-off closures.
//!
//! A preset follows the law from the years its rules give; earlier law (before 1971 in the
//! United States, say) is not modelled.

use chrono::Weekday::{Mon, Thu};

use super::rules::{Observed, Rule};

/// A named set of holiday rules with its legal source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// The name a calendar uses, such as `br_national`.
    pub id: &'static str,
    /// What it covers, in a line.
    pub title: &'static str,
    /// The laws and notices it follows.
    pub sources: &'static str,
    /// Its rules, in groups (a bank preset reuses its country's).
    pub groups: &'static [&'static [Rule]],
}

impl Preset {
    /// Its rules, in order.
    pub fn rules(&self) -> impl Iterator<Item = &'static Rule> {
        self.groups.iter().flat_map(|group| group.iter())
    }
}

/// The preset named `id`.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// Every preset, by name.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "br_national",
        title: "Brazil: national holidays",
        sources: "Lei 662/1949 as amended by Lei 10.607/2002 (1 Jan, 21 Apr, 1 May, 7 Sep, \
                  2 Nov, 15 Nov, 25 Dec); Lei 6.802/1980 (12 Oct); Lei 14.759/2023 (20 Nov, \
                  from 2024); Lei 9.093/1995 art. 2 (Good Friday)",
        groups: &[BR_NATIONAL],
    },
    Preset {
        id: "br_bank",
        title: "Brazil: days without banking business nationwide",
        sources: "the national holidays (br_national); Resolução CMN 4.880/2020 (no banking \
                  business on national holidays); FEBRABAN's national banking calendar \
                  (Carnival Monday and Tuesday, Corpus Christi)",
        groups: &[BR_NATIONAL, BR_BANK],
    },
    Preset {
        id: "br_sao_paulo_city",
        title: "Brazil: holidays of the State and the City of São Paulo (add to br_national)",
        sources: "Lei estadual 9.497/1997 (9 Jul); Lei municipal 7.008/1967 (25 Jan); \
                  Lei municipal 14.485/2007 (Corpus Christi); Lei municipal 13.707/2004 \
                  (20 Nov, until the national holiday of 2024)",
        groups: &[BR_SAO_PAULO_CITY],
    },
    Preset {
        id: "pt_national",
        title: "Portugal: national holidays",
        sources: "Código do Trabalho art. 234 (Lei 7/2009); Lei 23/2012 (Corpo de Deus, 5 Oct, \
                  1 Nov and 1 Dec suspended 2013-2015); Lei 8/2016 (restored from 2016)",
        groups: &[PT_NATIONAL],
    },
    Preset {
        id: "es_national",
        title: "Spain: national holidays",
        sources: "Estatuto de los Trabajadores art. 37.2; Real Decreto 2001/1983 art. 45; \
                  Ley 18/1987 (12 Oct)",
        groups: &[ES_NATIONAL],
    },
    Preset {
        id: "gr_national",
        title: "Greece: public holidays, Orthodox Easter",
        sources: "the public holidays of the Greek State (national days 25 Mar and 28 Oct; \
                  the Orthodox feasts; 1 May, Ν. 1157/1981); Ministry of Labour decision \
                  moving 1 May 2024 to 7 May",
        groups: &[GR_NATIONAL],
    },
    Preset {
        id: "us_federal",
        title: "United States: federal holidays",
        sources: "5 U.S.C. 6103(a); Pub. L. 90-363 (Monday holidays, from 1971); Pub. L. 98-144 \
                  (Martin Luther King Jr., from 1986); Pub. L. 117-17 (Juneteenth, from 2021); \
                  5 U.S.C. 6103(b) and Executive Order 11582 (Saturday to Friday, Sunday to \
                  Monday)",
        groups: &[US_FEDERAL],
    },
    Preset {
        id: "us_federal_reserve",
        title: "United States: Federal Reserve Bank holidays",
        sources: "Federal Reserve, Holidays Observed by the Federal Reserve System (K.8): the \
                  federal holidays; a Sunday holiday is observed on Monday, a Saturday one is \
                  not moved (the Banks open the Friday before)",
        groups: &[US_FEDERAL_RESERVE],
    },
];

const BR_NATIONAL: &[Rule] = &[
    Rule::fixed("Confraternização Universal", 1, 1),
    Rule::easter("Sexta-feira Santa", -2),
    Rule::fixed("Tiradentes", 4, 21),
    Rule::fixed("Dia do Trabalho", 5, 1),
    Rule::fixed("Independência do Brasil", 9, 7),
    Rule::fixed("Nossa Senhora Aparecida", 10, 12).from_year(1980),
    Rule::fixed("Finados", 11, 2),
    Rule::fixed("Proclamação da República", 11, 15),
    Rule::fixed("Dia Nacional de Zumbi e da Consciência Negra", 11, 20).from_year(2024),
    Rule::fixed("Natal", 12, 25),
];

const BR_BANK: &[Rule] = &[
    Rule::easter("Carnaval (segunda-feira)", -48),
    Rule::easter("Carnaval (terça-feira)", -47),
    Rule::easter("Corpus Christi", 60),
];

const BR_SAO_PAULO_CITY: &[Rule] = &[
    Rule::fixed("Aniversário da Cidade de São Paulo", 1, 25).from_year(1968),
    Rule::easter("Corpus Christi", 60).from_year(1968),
    Rule::fixed("Revolução Constitucionalista", 7, 9).from_year(1997),
    Rule::fixed("Consciência Negra", 11, 20)
        .from_year(2004)
        .until_year(2023),
];

const PT_NATIONAL: &[Rule] = &[
    Rule::fixed("Ano Novo", 1, 1),
    Rule::easter("Sexta-feira Santa", -2),
    Rule::easter("Páscoa", 0),
    Rule::fixed("Dia da Liberdade", 4, 25).from_year(1974),
    Rule::fixed("Dia do Trabalhador", 5, 1).from_year(1974),
    Rule::easter("Corpo de Deus", 60).until_year(2012),
    Rule::easter("Corpo de Deus", 60).from_year(2016),
    Rule::fixed("Dia de Portugal", 6, 10),
    Rule::fixed("Assunção de Nossa Senhora", 8, 15),
    Rule::fixed("Implantação da República", 10, 5).until_year(2012),
    Rule::fixed("Implantação da República", 10, 5).from_year(2016),
    Rule::fixed("Dia de Todos os Santos", 11, 1).until_year(2012),
    Rule::fixed("Dia de Todos os Santos", 11, 1).from_year(2016),
    Rule::fixed("Restauração da Independência", 12, 1).until_year(2012),
    Rule::fixed("Restauração da Independência", 12, 1).from_year(2016),
    Rule::fixed("Imaculada Conceição", 12, 8),
    Rule::fixed("Natal", 12, 25),
];

const ES_NATIONAL: &[Rule] = &[
    Rule::fixed("Año Nuevo", 1, 1),
    Rule::fixed("Epifanía del Señor", 1, 6),
    Rule::easter("Viernes Santo", -2),
    Rule::fixed("Fiesta del Trabajo", 5, 1),
    Rule::fixed("Asunción de la Virgen", 8, 15),
    Rule::fixed("Fiesta Nacional de España", 10, 12),
    Rule::fixed("Todos los Santos", 11, 1),
    Rule::fixed("Día de la Constitución Española", 12, 6),
    Rule::fixed("Inmaculada Concepción", 12, 8),
    Rule::fixed("Natividad del Señor", 12, 25),
];

const GR_NATIONAL: &[Rule] = &[
    Rule::fixed("Πρωτοχρονιά", 1, 1),
    Rule::fixed("Θεοφάνεια", 1, 6),
    Rule::orthodox_easter("Καθαρά Δευτέρα", -48),
    Rule::fixed("Εικοστή Πέμπτη Μαρτίου", 3, 25),
    Rule::orthodox_easter("Μεγάλη Παρασκευή", -2),
    Rule::orthodox_easter("Δευτέρα του Πάσχα", 1),
    Rule::fixed("Εργατική Πρωτομαγιά", 5, 1).until_year(2023),
    Rule::fixed("Εργατική Πρωτομαγιά", 5, 7)
        .from_year(2024)
        .until_year(2024),
    Rule::fixed("Εργατική Πρωτομαγιά", 5, 1).from_year(2025),
    Rule::orthodox_easter("Δευτέρα του Αγίου Πνεύματος", 50),
    Rule::fixed("Κοίμηση της Θεοτόκου", 8, 15),
    Rule::fixed("Ημέρα του Όχι", 10, 28),
    Rule::fixed("Χριστούγεννα", 12, 25),
    Rule::fixed("Σύναξη της Υπεραγίας Θεοτόκου", 12, 26),
];

/// The federal holidays, observed by `observed`.
macro_rules! us_holidays {
    ($observed:expr) => {
        &[
            Rule::fixed("New Year's Day", 1, 1).observed($observed),
            Rule::nth("Birthday of Martin Luther King, Jr.", 1, Mon, 3).from_year(1986),
            Rule::nth("Washington's Birthday", 2, Mon, 3).from_year(1971),
            Rule::nth("Memorial Day", 5, Mon, -1).from_year(1971),
            Rule::fixed("Juneteenth National Independence Day", 6, 19)
                .from_year(2021)
                .observed($observed),
            Rule::fixed("Independence Day", 7, 4).observed($observed),
            Rule::nth("Labor Day", 9, Mon, 1),
            Rule::nth("Columbus Day", 10, Mon, 2).from_year(1971),
            Rule::fixed("Veterans Day", 11, 11)
                .from_year(1978)
                .observed($observed),
            Rule::nth("Thanksgiving Day", 11, Thu, 4),
            Rule::fixed("Christmas Day", 12, 25).observed($observed),
        ]
    };
}

const US_FEDERAL: &[Rule] = us_holidays!(Observed::UsFederal);

const US_FEDERAL_RESERVE: &[Rule] = us_holidays!(Observed::SundayToMonday);
