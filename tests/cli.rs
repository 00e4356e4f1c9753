//! The command line, driven as a user would: the real binary, a fresh
//! SQLite file, no configuration file.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kecarajocomer"));
        cmd.current_dir(self.dir.path())
            .env(
                "KCC_DATABASE__URL",
                format!("sqlite://{}", self.dir.path().join("kcc.db").display()),
            )
            .env("RUST_LOG", "warn")
            .env_remove("KCC_WEB__LISTEN")
            .stdin(Stdio::null());
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().unwrap()
    }

    /// Runs and expects success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects exit code 2 with a one-line message; returns it.
    fn bad(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "one line, got {err:?}");
        err
    }
}

#[test]
fn pantry_add_list_remove() {
    let cli = Cli::new();
    cli.ok(&["pantry", "add", "2", "kg", "flour"]);
    cli.ok(&["pantry", "add", "500 g harina"]);
    cli.ok(&["pantry", "add", "6 huevos", "--expires", "2026-12-01"]);
    let list = cli.ok(&["pantry", "list"]);
    assert!(
        list.contains("flour") && list.contains("2.5 kg"),
        "merged into one lot: {list}"
    );
    assert!(
        list.lines().next().unwrap().starts_with("egg"),
        "soonest expiry first: {list}"
    );
    assert!(
        list.contains("fridge"),
        "eggs go to the fridge by default: {list}"
    );

    let out = cli.ok(&["pantry", "remove", "3 kg flour"]);
    assert!(out.contains("500 g short"), "{out}");
    let out = cli.ok(&["pantry", "remove", "eggs"]);
    assert!(out.contains("removed"));
    assert!(cli.ok(&["pantry", "list"]).contains("empty"));
}

#[test]
fn bad_input_says_what_to_type_and_changes_nothing() {
    let cli = Cli::new();
    cli.ok(&["pantry", "add", "1 kg rice"]);
    let before = cli.ok(&["pantry", "list"]);

    let err = cli.bad(&["pantry", "add", "2 blorps flour"]);
    assert!(
        err.contains("unknown unit \"blorps\"") && err.contains("kg"),
        "{err}"
    );
    let err = cli.bad(&["pantry", "add", "0 g flour"]);
    assert!(err.contains("not an amount"), "{err}");
    let err = cli.bad(&["pantry", "add", "2 cups"]);
    assert!(err.contains("no food"), "{err}");
    let err = cli.bad(&["pantry", "add", "flour"]);
    assert!(err.contains("how much flour"), "{err}");
    let err = cli.bad(&["pantry", "add", "1 kg sugar", "--expires", "tomorrow"]);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let err = cli.bad(&["pantry", "add", "1 kg sugar", "--location", "garage"]);
    assert!(err.contains("pantry, fridge or freezer"), "{err}");
    let err = cli.bad(&["pantry", "remove", "saffron"]);
    assert!(err.contains("no saffron"), "{err}");
    let err = cli.bad(&["recipes", "show", "unicorn stew"]);
    assert!(err.contains("recipes list"), "{err}");
    let err = cli.bad(&["recipes", "show", "shakshuka", "--servings", "zero"]);
    assert!(err.contains("--servings 4"), "{err}");
    let err = cli.bad(&["recipes", "list", "--meal", "brunchfast"]);
    assert!(err.contains("breakfast, lunch, dinner or snack"), "{err}");
    let err = cli.bad(&["--household", "nobody", "pantry", "list"]);
    assert!(err.contains("no household called"), "{err}");
    let err = cli.bad(&["shopping", "check", "caviar"]);
    assert!(err.contains("not on the shopping list"), "{err}");

    assert_eq!(cli.ok(&["pantry", "list"]), before, "nothing changed");
}

#[test]
fn recipes_list_and_show_scaled() {
    let cli = Cli::new();
    let list = cli.ok(&["recipes", "list"]);
    assert!(list.lines().count() >= 200, "the seed catalog is loaded");
    let breakfasts = cli.ok(&["recipes", "list", "--meal", "desayuno"]);
    assert!(breakfasts.lines().count() >= 30);
    assert!(breakfasts.lines().count() < list.lines().count());

    let id = list.split_whitespace().next().unwrap().to_string();
    let card = cli.ok(&["recipes", "show", &id]);
    assert!(
        card.contains("ingredients:") && card.contains("per serving:"),
        "{card}"
    );
    let scaled = cli.ok(&["recipes", "show", &id, "--servings", "10"]);
    assert!(scaled.contains("10 servings"), "{scaled}");
}

#[test]
fn shopping_add_list_check_off_into_pantry() {
    let cli = Cli::new();
    cli.ok(&["shopping", "add", "2 lemons"]);
    cli.ok(&["shopping", "add", "1 limón"]);
    cli.ok(&["shopping", "add", "1 kg flour"]);
    cli.ok(&["shopping", "add", "200 g harina"]);
    let list = cli.ok(&["shopping", "list"]);
    assert!(list.contains("3 lemon"), "merged across spellings: {list}");
    assert!(list.contains("1.2 kg flour"), "merged across units: {list}");
    assert!(
        list.contains("Fruit & vegetables"),
        "grouped by aisle: {list}"
    );

    cli.ok(&["shopping", "check", "lemons"]);
    let pantry = cli.ok(&["pantry", "list"]);
    assert!(pantry.contains("lemon") && pantry.contains('3'), "{pantry}");
    let list = cli.ok(&["shopping", "list"]);
    assert!(list.contains("[x] 3 lemon"), "{list}");
}

#[test]
fn households_are_chosen_by_name() {
    let cli = Cli::new();
    cli.ok(&["pantry", "add", "1 kg rice"]);
    let out = cli.ok(&["household", "show"]);
    assert!(out.contains("household: home"), "{out}");
    let invite = cli.ok(&["household", "invite"]);
    assert!(invite.contains("invite code"), "{invite}");
}

#[test]
fn migrate_runs_alone() {
    let cli = Cli::new();
    let out = cli.ok(&["migrate"]);
    assert!(out.contains("migrations applied"));
    assert!(Path::new(&cli.dir.path().join("kcc.db")).exists());
}

#[test]
fn serve_logs_where_it_listens_and_answers_healthz() {
    let cli = Cli::new();
    let mut child = cli
        .command()
        .env("KCC_WEB__LISTEN", "127.0.0.1:0")
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut reader = BufReader::new(stderr);
    let mut addr = None;
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 0 {
        if let Some(i) = line.find("http://") {
            let rest = &line[i + 7..];
            addr = Some(rest.split_whitespace().next().unwrap().to_string());
            break;
        }
        line.clear();
    }
    let addr = addr.expect("the server logs its address");
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    child.kill().ok();
    child.wait().ok();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response.contains(r#""backend":"sqlite""#) && response.contains(r#""ok":true"#),
        "{response}"
    );
}

#[test]
fn import_a_page_file_dry_run_then_for_real() {
    let cli = Cli::new();
    let page_path = common::recipe_pages_dir().join("allrecipes.com__allrecipescurated.html");
    let page = page_path.to_str().unwrap();
    let out = cli.ok(&["recipes", "import", page, "--dry-run", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["title"], "Four Cheese Margherita Pizza");
    assert_eq!(v["ingredients"].as_array().unwrap().len(), 10);
    assert_eq!(v["total_time"], 40);
    assert_eq!(v["language"], "en");
    assert!(
        !cli.ok(&["recipes", "list"]).contains("four-cheese"),
        "a dry run saves nothing"
    );
    let out = cli.ok(&["recipes", "import", page]);
    assert!(out.contains("four-cheese-margherita-pizza"), "{out}");
    let card = cli.ok(&["recipes", "show", "four-cheese-margherita-pizza"]);
    assert!(
        card.contains("mozzarella") && card.contains("source:"),
        "{card}"
    );
    let err = cli.bad(&["recipes", "import", "/nonexistent/page.html"]);
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn chat_in_the_terminal_reads_stdin_lines() {
    let cli = Cli::new();
    let mut child = cli
        .command()
        .arg("chat")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let stdin = child.stdin.as_mut().unwrap();
        stdin.write_all(b"we need 2 lemons and some garlic\nshopping list\ngot the lemons\nundo\n/press undo\n").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("On the list")
            && text.contains("Fruit & vegetables")
            && text.contains("Checked off"),
        "{text}"
    );
    assert_eq!(text.matches("Undone").count(), 2, "{text}");
    assert!(
        cli.ok(&["shopping", "list"]).contains("empty"),
        "both changes undone"
    );
}
