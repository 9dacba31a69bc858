import Engine
import Hummingbird
import NIOCore

/// `GET /metrics`: the Prometheus text exposition of ``ServerMetrics``.
struct MetricsController {
    let metrics: ServerMetrics
    let engine: RedshiftEngine

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition(engine: engine))))
        }
    }
}
