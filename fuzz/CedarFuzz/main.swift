import Foundation

// SwiftPM renames an executable's `main`, so libFuzzer's own `main` is never linked; start its driver here.
// The callback is a global function defined in CedarFuzz.swift, not code in this file.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var argumentCount = CommandLine.argc
var argumentVector = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argumentCount, &argumentVector, cedarFuzzOneInput))
