import Foundation
import HessianSpectrumCommands

CommandLineTool.selectBLASKernel()
exit(CommandLineTool.run())
