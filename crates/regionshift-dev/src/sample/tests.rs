//! Unit tests of the sample estate's building blocks: name-based UUIDs, Python's JSON
//! formatting, the consistency check.

use serde_json::json;

use super::ids::{guid, stamp, uuid_v5};
use super::json::{python_float, to_string};
use super::{check, generate};

/// RFC 9562's DNS namespace, `6ba7b810-9dad-11d1-80b4-00c04fd430c8`.
const NAMESPACE_DNS: [u8; 16] =
    [0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8];

#[test]
fn uuid_v5_matches_pythons_uuid5() {
    // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"), the example in Python's documentation
    assert_eq!(uuid_v5(&NAMESPACE_DNS, "python.org"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
    // uuid.uuid5(uuid.UUID("6f0c2a4e-3b1d-5e7f-8a9b-0c1d2e3f4a5b"), "nat"), the estate's namespace
    assert_eq!(guid(&["nat"]), "29b34679-5422-5944-9bf9-49251b1b6c07");
    assert_eq!(guid(&["time", "snap"]), "bba16cf4-97cd-513e-ad09-484a9de1934d");
}

#[test]
fn stamps_are_plausible_times() {
    let time = stamp(&["snap"]);
    assert_eq!(time.len(), "2023-01-01T00:00:00.0000000Z".len(), "{time}");
    assert!(time.starts_with("202") && time.ends_with('Z'), "{time}");
}

#[test]
fn floats_are_written_as_python_repr_writes_them() {
    let cases = [
        (1.5, "1.5"),
        (-1.0, "-1.0"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (4.0, "4.0"),
        (1e16, "1e+16"),
        (1.5e-7, "1.5e-07"),
        (1e-5, "1e-05"),
        (0.0001, "0.0001"),
        (123456789012345678.0, "1.2345678901234568e+17"),
        (1e22, "1e+22"),
        (5e-324, "5e-324"),
        (9999999999999998.0, "9999999999999998.0"),
        (0.1, "0.1"),
    ];
    for (x, expected) in cases {
        assert_eq!(python_float(x), expected, "{x:e}");
    }
}

#[test]
fn json_is_written_as_pythons_json_dumps_writes_it() {
    // json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False)
    let value =
        json!({"é": "x\u{1}\"\\/\u{7f}\u{2028}\n", "b": [1.5, -1, 18734455112_u64, null, true], "a": {}, "c": []});
    let expected = "{\n \"a\": {},\n \"b\": [\n  1.5,\n  -1,\n  18734455112,\n  null,\n  true\n ],\n \"c\": [],\n \
                    \"é\": \"x\\u0001\\\"\\\\/\u{7f}\u{2028}\\n\"\n}";
    assert_eq!(to_string(&value), expected);
}

#[test]
fn the_check_finds_dangling_references() {
    let id = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/networkInterfaces/nic";
    let record = json!({
        "id": id, "type": "microsoft.network/networkinterfaces", "managedBy": "", "identity": null,
        "properties": {"virtualMachine": {"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/gone"},
                       "ipConfigurations": []},
    });
    let problems = check::check(&[record]).unwrap_err();
    assert!(problems.contains("virtualMachines/gone"), "{problems}");
}

#[test]
fn generation_is_deterministic_and_consistent() {
    let first = generate().expect("the sample estate is consistent");
    assert_eq!(first, generate().expect("the sample estate is consistent"));
    assert!(first.ends_with("}\n"));
}
