@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class ShardTests: XCTestCase {
    func testShardsPartitionTheConfigurationsInTurn() throws {
        let items = Array(1...7)
        let shards = try (1...3).map { try Shard(parsing: "\($0)/3") }
        XCTAssertEqual(shards.map { $0.select(items) }, [[1, 4, 7], [2, 5], [3, 6]])
        XCTAssertEqual(shards.flatMap { $0.select(items) }.sorted(), items)
        XCTAssertEqual(Shard.whole.select(items), items)
        XCTAssertEqual(try Shard(parsing: "5/5").select([1, 2]), [])
        for bad in ["0/3", "4/3", "1/0", "1", "a/b", "1/2/3", "-1/2", ""] {
            XCTAssertThrowsError(try Shard(parsing: bad), bad)
        }
    }

    func testTagColumnsGoInFrontOfEveryRow() throws {
        var table = CSVTable(columns: ["a", "b"])
        table.append(["1", "2"])
        table.append(["3", "4"])
        let tags = try ConstantColumns(tags: ["lr=0.05", "note = two words", "where=a,b"])
        XCTAssertEqual(tags.applied(to: table).text, "lr,note,where,a,b\n0.05,two words,\"a,b\",1,2\n0.05,two words,\"a,b\",3,4\n")
        XCTAssertEqual(String(table.rowsText), "1,2\n3,4\n")
        XCTAssertEqual(ConstantColumns().applied(to: table).text, table.text)
        XCTAssertThrowsError(try ConstantColumns(tags: ["lr"]))
        XCTAssertThrowsError(try ConstantColumns(tags: ["=1"]))
        XCTAssertThrowsError(try ConstantColumns(tags: ["a=1", "a=2"]))
        XCTAssertThrowsError(try ConstantColumns(tags: ["eigenvalue=1"]))
        XCTAssertThrowsError(try ConstantColumns(tags: ["top_3=1"]))
    }
}
