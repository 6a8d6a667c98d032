import Foundation
import Testing
import Workbench

@Suite("The process environment, read from the C library")
struct ProcessEnvironmentTests {
  @Test("it holds what ProcessInfo reports")
  func matchesProcessInfo() {
    let read = ProcessEnvironment.read()
    #expect(!read.isEmpty)
    #expect(read == ProcessInfo.processInfo.environment)
  }
}
