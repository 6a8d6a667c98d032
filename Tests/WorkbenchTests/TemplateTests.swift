import Foundation
import TestSupport
import Testing
import Workbench

@Suite("The workspace template")
struct TemplateTests {
  @Test("the template vet carries is the one in Workspaces/template (run Scripts/embed-template.sh after editing it)")
  func embeddedMatchesFolder() throws {
    let folder = Binaries.packageRoot + "/Workspaces/template"
    let files = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { path in
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
        && !isDirectory.boolValue
    }
    #expect(Set(files) == Set(WorkspaceTemplate.files.keys))
    for path in files {
      #expect(
        try String(contentsOfFile: folder + "/" + path, encoding: .utf8) == WorkspaceTemplate.files[path],
        "\(path) differs")
    }
  }

  @Test("vet init stamps out the template exactly")
  func initWritesTemplate() throws {
    let f = try Fixture()
    for (path, text) in WorkspaceTemplate.files {
      #expect(try String(contentsOfFile: f.path + "/" + path, encoding: .utf8) == text)
    }
  }
}
