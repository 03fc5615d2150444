//! Routing mixes across files.

use super::Edit::Replace;
use super::{Case, Contents, at, nowhere, run};

whole_files! {
    // ----- routing mixes
    mix_of_wrong_type: Case {
        file: "mix.toml",
        contents: Contents::Bytes(b"name = \"Tiered\"\nmix = \"good\"\n"),
        others: &[],
        // Meant as a mix: no model table is reported missing.
        expect: &[at("mix.toml", 2, 7, "`mix` must be an array of tables (found string \"good\")")],
    };
    mix_names_missing_profile: Case {
        file: "mix.toml",
        contents: Contents::Bytes(
            b"[[mix]]\nprofile = \"gdo\"\nshare = 0.5\n\n[[mix]]\nprofile = \"good\"\nshare = 0.5\n",
        ),
        others: &[],
        expect: &[nowhere(
            "mix.toml",
            "mix names profile `gdo`, which is not in this folder; did you mean `good`?",
        )],
    };
    mix_names_bad_profile: Case {
        file: "mix.toml",
        contents: Contents::Bytes(
            b"[[mix]]\nprofile = \"bad\"\nshare = 0.5\n\n[[mix]]\nprofile = \"good\"\nshare = 0.5\n",
        ),
        others: &[(
            "bad.toml",
            Contents::Broken(Replace("input", "input = -1.0")),
        )],
        expect: &[
            nowhere("mix.toml", "mix part `bad` has errors of its own, so this mix has no figures"),
            at("bad.toml", 2, 9, "`input` must be a finite number >= 0 (found -1)"),
        ],
    };
    mix_names_broken_mix: Case {
        file: "outer.toml",
        contents: Contents::Bytes(b"[[mix]]\nprofile = \"inner\"\nshare = 1.0\n"),
        others: &[("inner.toml", Contents::Bytes(b"[[mix]]\nprofile = \"ghost\"\nshare = 1.0\n"))],
        expect: &[
            nowhere("outer.toml", "mix part `inner` is a mix with errors of its own"),
            nowhere("inner.toml", "mix names profile `ghost`, which is not in this folder"),
        ],
    };
    mix_shares_not_one: Case {
        file: "mix.toml",
        contents: Contents::Bytes(
            b"[[mix]]\nprofile = \"good\"\nshare = 0.5\n\n[[mix]]\nprofile = \"good\"\nshare = 0.25\n",
        ),
        others: &[],
        expect: &[at("mix.toml", 1, 1, "mix shares must add up to 1 (found 0.75)")],
    };
    // 0.6 + 0.3 is 0.8999999999999999 as a float sum; people wrote 0.9.
    mix_shares_sum_without_float_noise: Case {
        file: "mix.toml",
        contents: Contents::Bytes(
            b"[[mix]]\nprofile = \"good\"\nshare = 0.6\n\n[[mix]]\nprofile = \"good\"\nshare = 0.3\n",
        ),
        others: &[],
        expect: &[at("mix.toml", 1, 1, "mix shares must add up to 1 (found 0.9)")],
    };
    mix_cycle: Case {
        file: "a.toml",
        contents: Contents::Bytes(b"[[mix]]\nprofile = \"b\"\nshare = 1.0\n"),
        others: &[(
            "b.toml",
            Contents::Bytes(b"[[mix]]\nprofile = \"good\"\nshare = 0.5\n\n[[mix]]\nprofile = \"a\"\nshare = 0.5\n"),
        )],
        expect: &[
            at("a.toml", 2, 11, "mix leads back to itself: a -> b -> a"),
            at("b.toml", 6, 11, "mix leads back to itself: b -> a -> b"),
        ],
    };
    mix_self_reference: Case {
        file: "self.toml",
        contents: Contents::Bytes(b"name = \"Me, myself\"\n\n[[mix]]\nprofile = \"self\"\nshare = 1\n"),
        others: &[],
        expect: &[at("self.toml", 4, 11, "mix leads back to itself: self -> self")],
    };
    mix_and_prices: Case {
        file: "mix.toml",
        contents: Contents::Bytes(
            b"[prices]\ninput = 3.0\noutput = 15.0\n\n[[mix]]\nprofile = \"good\"\nshare = 1.0\n",
        ),
        others: &[],
        expect: &[at(
            "mix.toml",
            5,
            1,
            "a profile has either [[mix]] or [prices], [usage] and [quality], not both",
        )],
    };
    mix_share_out_of_range: Case {
        file: "mix.toml",
        contents: Contents::Bytes(
            b"[[mix]]\nprofile = \"good\"\nshare = 1.5\n\n[[mix]]\nprofile = \"good\"\nshare = -0.5\n",
        ),
        others: &[],
        expect: &[
            at("mix.toml", 3, 9, "`share` must be a finite number from 0 to 1 (found 1.5)"),
            at("mix.toml", 7, 9, "`share` must be a finite number from 0 to 1 (found -0.5)"),
        ],
    };
    mix_part_missing_profile: Case {
        file: "mix.toml",
        contents: Contents::Bytes(b"[[mix]]\nprofile = \"good\"\nshare = 0.5\n\n[[mix]]\nshare = 0.5\n"),
        others: &[],
        expect: &[at("mix.toml", 5, 1, "missing field `profile` in [[mix]]")],
    };
    mix_part_wrong_types: Case {
        file: "mix.toml",
        contents: Contents::Bytes(b"[[mix]]\nprofile = 5\nshare = \"all\"\n"),
        others: &[],
        // One message each; neither is reported missing as well.
        expect: &[
            at("mix.toml", 2, 11, "`profile` must be a string (found integer `5`)"),
            at("mix.toml", 3, 9, "`share` must be a number (found string \"all\")"),
        ],
    };
    mix_without_parts: Case {
        file: "mix.toml",
        contents: Contents::Bytes(b"name = \"Nothing yet\"\nmix = []\n"),
        others: &[],
        expect: &[at("mix.toml", 2, 7, "a mix needs at least one [[mix]] part")],
    };
}
