import ArgumentParser
import Workbench

extension Vet {
  /// The `vet remote add/remove/list` commands: manage the remotes a workspace is shared through.
  struct RemoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "remote",
      abstract: "Manage the remotes a workspace is shared through.",
      discussion: """
        A remote is any git server: a folder, file://, git://, ssh://, user@host:path, http:// or https://.
        See docs/sharing.md for credentials and host keys.
        """,
      subcommands: [Add.self, Remove.self, List.self],
      defaultSubcommand: List.self)
  }
}

extension Vet.RemoteCommand {
  /// The `vet remote add NAME URL` command: adds a remote.
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add",
      abstract: "Add a remote.",
      discussion: """
        Examples:
          vet remote add origin ssh://git@git.example.org/desk/ferry-case.git
          vet remote add origin https://git.example.org/desk/ferry-case.git
          vet remote add backup /mnt/share/ferry-case.git
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The remote's name, e.g. origin.")
    var name: String
    @Argument(help: "Its URL (never with a password in it).")
    var url: String
    @OptionGroup var output: JSONOption

    func run() throws {
      let remote = try global.open().addRemote(name: name, url: url)
      if output.json { return try Output.json(remote) }
      Output.line("Added remote \(Output.safe(remote.name)): \(Output.safe(remote.url))")
    }
  }

  /// The `vet remote remove NAME` command: removes a remote and its remote-tracking branches.
  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "remove",
      abstract: "Remove a remote and its remote-tracking branches.",
      discussion: "Example:\n  vet remote remove backup",
      aliases: ["rm"])

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The remote's name.")
    var name: String

    func run() throws {
      try global.open().removeRemote(name: name)
      Output.line("Removed remote \(Output.safe(name))")
    }
  }

  /// The `vet remote list` command: lists remotes and their URLs.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List remotes and their URLs.",
      discussion: "Example:\n  vet remote list --json")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: JSONOption

    func run() throws {
      let remotes = try global.open().remotes()
      if output.json { return try Output.json(remotes) }
      if remotes.isEmpty { return Output.warn("no remotes; add one with `vet remote add origin URL`") }
      Output.table(remotes.map { [Output.safe($0.name), Output.safe($0.url)] })
    }
  }
}
