@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class ModelFileTests: XCTestCase {
    func testRoundTripIsBitExact() throws {
        let model = Fixture.model([4, 3, 2], .sigmoid, .mse, scale: 0.7, seed: 13)
        let text = ModelFile.encode(model)
        XCTAssert(text.hasPrefix("{\"format\":\"hessian-spectrum-mlp\",\"version\":1,\"layers\":[4,3,2],\"activation\":\"sigmoid\",\"loss\":\"mse\",\"parameters\":["))
        let back = try ModelFile.decode(Data(text.utf8), path: "m.json")
        XCTAssertEqual(back, model)
    }

    func testMalformedFilesAreRejectedWithTheirProblem() {
        let cases: [(String, String)] = [
            ("not json", "not valid JSON"),
            ("[1,2]", "expected a JSON object"),
            (#"{"format":"other","version":1}"#, "\"format\""),
            (#"{"format":"hessian-spectrum-mlp","version":2}"#, "version"),
            (#"{"format":"hessian-spectrum-mlp","version":1,"layers":[3],"activation":"relu","loss":"nll","parameters":[]}"#, "layers"),
            (#"{"format":"hessian-spectrum-mlp","version":1,"layers":[2,0,2],"activation":"relu","loss":"nll","parameters":[]}"#, "layers"),
            (#"{"format":"hessian-spectrum-mlp","version":1,"layers":[1,2],"activation":"swish","loss":"nll","parameters":[1,2,3,4]}"#, "activation"),
            (#"{"format":"hessian-spectrum-mlp","version":1,"layers":[1,2],"activation":"relu","loss":"hinge","parameters":[1,2,3,4]}"#, "loss"),
            (#"{"format":"hessian-spectrum-mlp","version":1,"layers":[1,2],"activation":"relu","loss":"nll","parameters":[1,2,3]}"#, "need 4 parameters, got 3"),
            (#"{"format":"hessian-spectrum-mlp","version":1,"layers":[1,2],"activation":"relu","loss":"nll","parameters":"x"}"#, "parameters"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try ModelFile.decode(Data(text.utf8), path: "m.json"), text) { error in
                let message = "\(error)"
                XCTAssert(message.hasPrefix("m.json: "), message)
                XCTAssert(message.contains(expected), "'\(message)' should mention \(expected)")
            }
        }
    }
}
