@_exported import Reporting
