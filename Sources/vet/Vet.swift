import ArgumentParser

/// The `vet` command: verb-first subcommands, as in git.
struct Vet: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vet",
    abstract: "A claim-verification workbench whose storage is git.",
    discussion: """
      Record the claims in reporting, their verification status, notes and evidence, \
      as commits in a git repository (a workspace). Every read command takes --json.

      Examples:
        vet init ferry-case && cd ferry-case
        vet source add wire.txt --outlet "Meridian Wire" --reliability B
        vet claim list --status unverified
        vet confirm 3f9a --note "Coast guard confirmed by phone" --evidence https://example.org/statement
        vet log 3f9a
        vet diff wire@1 wire@2

      Shell completions: vet --generate-completion-script bash|zsh|fish
      """,
    version: VetVersion.string,
    subcommands: [
      Init.self, SourceCommand.self, ClaimCommand.self, Mark.self, Confirm.self, Unverify.self, Note.self,
      Log.self, Diff.self, Status.self, Search.self, Export.self, Import.self, RemoteCommand.self, Clone.self,
      Push.self, Pull.self, Sync.self,
      MergeDriver.self,
    ]
  )
}

enum VetVersion {
  static let string = "0.1.0"
}
