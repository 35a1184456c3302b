import Foundation
import HessianSpectrumCommands

CommandLineTool.prepare()
exit(CommandLineTool.run())
