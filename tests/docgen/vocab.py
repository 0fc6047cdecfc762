"""The words generated plan documents are made of: reform areas, their tasks, the parties who
lead them, products and the labels offices put before each field.

Everything here is realistic Vietnamese as commune offices write it (Nghị quyết 76/NQ-CP's
reform areas; the units of a commune formed by the 2025 merger; the officials of an older
commune). Titles within one area are distinct, so a generated document never holds two tasks
of the same title.
"""

from __future__ import annotations

AREAS: dict[str, tuple[str, ...]] = {
    "Cải cách thể chế": (
        "Tham mưu xây dựng, ban hành văn bản quy phạm pháp luật của HĐND, UBND xã theo thẩm quyền",
        "Tổ chức rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND xã ban hành",
        "Xây dựng và triển khai Kế hoạch theo dõi thi hành pháp luật trên địa bàn xã",
        "Triển khai công tác phổ biến, giáo dục pháp luật cho cán bộ và Nhân dân",
        "Kiểm tra, xử lý văn bản quy phạm pháp luật theo quy định",
        "Nâng cao chất lượng hoạt động hòa giải ở cơ sở",
        "Thực hiện chuẩn tiếp cận pháp luật của người dân tại cơ sở",
    ),
    "Cải cách thủ tục hành chính": (
        "Ban hành Kế hoạch kiểm soát thủ tục hành chính năm {year} của UBND xã",
        "Rà soát, đánh giá thủ tục hành chính và đề xuất phương án đơn giản hóa",
        "Công khai đầy đủ, kịp thời thủ tục hành chính tại Trung tâm Phục vụ hành chính công",
        "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính theo quy định",
        "Đánh giá chất lượng giải quyết thủ tục hành chính theo thời gian thực",
        "Thực hiện thanh toán trực tuyến phí, lệ phí thủ tục hành chính",
    ),
    "Cải cách tổ chức bộ máy hành chính nhà nước": (
        "Rà soát chức năng, nhiệm vụ của các phòng, đơn vị thuộc UBND xã sau sắp xếp",
        "Xây dựng Đề án vị trí việc làm của các cơ quan, đơn vị thuộc UBND xã",
        "Ban hành Quy chế làm việc của UBND xã nhiệm kỳ mới",
        "Thực hiện tinh giản biên chế theo quy định",
        "Kiện toàn tổ chức, hoạt động của Trung tâm Phục vụ hành chính công xã",
        "Thực hiện phân cấp, ủy quyền trong quản lý nhà nước trên địa bàn",
    ),
    "Cải cách chế độ công vụ": (
        "Xây dựng Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức năm {year}",
        "Đánh giá, xếp loại chất lượng cán bộ, công chức theo quy định",
        "Tăng cường kỷ luật, kỷ cương hành chính trong thực thi công vụ",
        "Thực hiện tuyển dụng, sử dụng và quản lý công chức theo vị trí việc làm",
        "Kiểm tra việc chấp hành giờ giấc làm việc, văn hóa công sở",
        "Thực hiện chế độ, chính sách đối với cán bộ, công chức dôi dư sau sắp xếp",
    ),
    "Cải cách tài chính công": (
        "Xây dựng dự toán ngân sách xã năm {year} và công khai theo quy định",
        "Thực hiện cơ chế tự chủ về sử dụng kinh phí quản lý hành chính",
        "Ban hành Chương trình thực hành tiết kiệm, chống lãng phí năm {year}",
        "Quản lý, sử dụng tài sản công đúng mục đích, hiệu quả",
        "Thực hiện công khai quyết toán ngân sách xã năm trước",
        "Giải ngân vốn đầu tư công đúng tiến độ được giao",
    ),
    "Xây dựng và phát triển chính quyền điện tử, chính quyền số": (
        "Duy trì, vận hành hệ thống quản lý văn bản và điều hành của xã",
        "Sử dụng chữ ký số trong gửi, nhận văn bản điện tử",
        "Triển khai các nhiệm vụ của Đề án 06 trên địa bàn xã",
        "Nâng tỷ lệ hồ sơ trực tuyến toàn trình trên Cổng Dịch vụ công quốc gia",
        "Tuyên truyền, hướng dẫn người dân sử dụng dịch vụ công trực tuyến",
        "Bảo đảm an toàn, an ninh thông tin mạng trong hoạt động của cơ quan",
    ),
    "Công tác chỉ đạo, điều hành cải cách hành chính": (
        "Ban hành Kế hoạch cải cách hành chính năm {year} của UBND xã",
        "Ban hành Kế hoạch tuyên truyền cải cách hành chính năm {year}",
        "Kiểm tra công tác cải cách hành chính tại các phòng, đơn vị",
        "Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year} của xã",
    ),
}

# The units of a commune formed by the 2025 merger, and the officials of an older commune.
UNITS: tuple[str, ...] = (
    "Văn phòng HĐND và UBND",
    "Phòng Kinh tế",
    "Phòng Văn hóa - Xã hội",
    "Trung tâm Phục vụ hành chính công",
    "Phòng Kinh tế - Hạ tầng - Đô thị",
    "Công an xã",
)
OFFICIALS: tuple[str, ...] = (
    "Công chức Văn phòng - Thống kê",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Tài chính - Kế toán",
    "Công chức Văn hóa - Xã hội",
    "Công chức Địa chính - Xây dựng",
    "Chủ tịch UBND xã",
)
GROUPS: tuple[str, ...] = (
    "Các phòng, đơn vị có liên quan",
    "Các công chức có liên quan",
    "Các cơ quan, đơn vị liên quan",
)

PRODUCTS: tuple[str, ...] = (
    "Kế hoạch của UBND xã",
    "Báo cáo kết quả thực hiện",
    "Quyết định của Chủ tịch UBND xã",
    "Văn bản tham mưu của đơn vị",
    "100% hồ sơ được tiếp nhận, giải quyết đúng hạn",
    "Danh mục văn bản được rà soát",
)

# The field labels offices put before each field, by field.
LEAD_LABELS = (
    "Chủ trì",
    "Chủ trì thực hiện",
    "Đơn vị chủ trì",
    "Cơ quan chủ trì",
    "Chịu trách nhiệm",
)
SUPPORT_LABELS = ("Phối hợp", "Đơn vị phối hợp", "Cơ quan phối hợp")
PRODUCT_LABELS = ("Sản phẩm", "Kết quả", "Sản phẩm đầu ra")
TIME_LABELS = ("Thời gian", "Thời hạn", "Tiến độ", "Thời gian hoàn thành", "Thời gian thực hiện")

# Appendix table headers, by column.
TABLE_HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("STT", "TT", "Số TT"),
    "title": ("Nội dung", "Nội dung nhiệm vụ", "Nhiệm vụ", "Nội dung công việc"),
    "lead": ("Đơn vị chủ trì", "Cơ quan chủ trì", "Chủ trì"),
    "support": ("Đơn vị phối hợp", "Cơ quan phối hợp", "Phối hợp"),
    "products": ("Sản phẩm", "Kết quả", "Sản phẩm đầu ra"),
    "time": ("Thời gian hoàn thành", "Thời hạn", "Thời gian thực hiện", "Tiến độ"),
}
# Under a two-row header the parties sit under one spanning cell.
PARTIES_SPAN = ("Đơn vị thực hiện", "Cơ quan thực hiện")

COMMUNES: tuple[tuple[str, str], ...] = (
    ("xã", "Cát Tiến"),
    ("xã", "Ba Tơ"),
    ("xã", "Đông Sơn"),
    ("phường", "Trương Quang Trọng"),
    ("xã", "Nghĩa Hành"),
    ("phường", "Cẩm Thành"),
    ("xã", "Minh Long"),
)
PROVINCES = ("Quảng Ngãi", "Gia Lai", "Lâm Đồng", "Điện Biên", "Sơn La")
SIGNERS = (
    "Nguyễn Văn Hùng",
    "Trần Thị Thu Hà",
    "Lê Minh Quang",
    "Phạm Thị Mỹ Linh",
    "Võ Đình Tuấn",
    "Đặng Thị Hồng Nhung",
)
# The parts of a plan that are not tasks: what the tool must not take for tasks.
PURPOSES = (
    "Triển khai đồng bộ, hiệu quả các nhiệm vụ cải cách hành chính trên địa bàn xã",
    "Nâng cao chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính",
    "Xây dựng nền hành chính phục vụ, chuyên nghiệp, hiện đại",
)
REQUIREMENTS = (
    "Xác định rõ nhiệm vụ, thời gian hoàn thành và trách nhiệm của từng cơ quan, đơn vị",
    "Gắn trách nhiệm của người đứng đầu với kết quả thực hiện cải cách hành chính",
)
