#!/usr/bin/env python3
"""Deterministic sample data set for danvan: mass mobilization work in Lào Cai, 2021–2024.

Writes
    Samples/lao-cai.ndjson         one event per line, in an order valid to append
    Samples/lao-cai.expected.json  the `summary` figures the daemon must reply for it
    Samples/README.md              what the data set is and how to regenerate it
and then re-reads the NDJSON and recomputes every expected figure from the file alone
(a second, independent implementation), failing loudly on any difference.

    python3 Scripts/make-sample.py            # generate, then check
    python3 Scripts/make-sample.py --check    # only check the files already in Samples/
    python3 Scripts/make-sample.py --out DIR  # write somewhere else (e.g. to diff two runs)

Standard library only. Same output on every run and every platform: one seeded
`random.Random(2024)`, UUIDs from `uuid5(NAMESPACE, "danvan-sample-<line number>")`,
no iteration over sets or hashes of strings, and decimals (m², km, workdays) held as
integer hundredths and printed exactly, never through binary floating point.
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import sys
import unicodedata
import uuid
from decimal import Decimal

SEED = 2024
NAMESPACE = uuid.UUID("0b7d5a52-6f0e-5c1a-9d43-2a8e61f3c9b4")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NDJSON_NAME = "lao-cai.ndjson"
EXPECTED_NAME = "lao-cai.expected.json"
README_NAME = "README.md"
MAX_BYTES = 3_000_000

# The published figures the data set must reproduce exactly (decimals in hundredths).
PUBLISHED = {
    "by_road_households": 2180,
    "by_road_area_h": 64_900_300,      # 649,003 m²
    "by_road_count": 137,
    "by_road_km_h": 28_375,            # 283.75 km
    "by_dialogues": {2021: 9, 2022: 5, 2023: 4},
    "by_periodic": 16,
    "by_adhoc": 2,
    "opinions_received": 6351,
    "opinions_answered": 6274,
    "communes": 200,
    "communes_with_models": 166,
    "workdays_h": 11_584_400,          # 115,844 workdays
}

YEARS = (2021, 2022, 2023, 2024)
LAST_HELD = dt.date(2024, 12, 10)      # last dialogue
LAST_DAY = dt.date(2024, 12, 16)       # last date of any event
UNITS_DAY = dt.date(2020, 12, 1)       # sort position of the unit registrations


# ----------------------------------------------------------------------------------------
# Exact numbers and JSON writing
# ----------------------------------------------------------------------------------------

class Num:
    """An exact decimal `units / 10**scale`, written in canonical form (283.75, 649003)."""

    __slots__ = ("units", "scale")

    def __init__(self, units, scale=2):
        assert isinstance(units, int) and not isinstance(units, bool)
        self.units = units
        self.scale = scale

    @property
    def text(self):
        return canonical(self.units, self.scale)


def canonical(units, scale):
    sign = "-" if units < 0 else ""
    whole, frac = divmod(abs(units), 10 ** scale)
    if frac == 0:
        return f"{sign}{whole}"
    digits = str(frac).rjust(scale, "0").rstrip("0")
    return f"{sign}{whole}.{digits}"


def H(hundredths):
    """A decimal quantity given in hundredths (areas, lengths, workdays)."""
    return Num(hundredths, 2)


def rate(part, whole):
    """part/whole rounded half-up to 4 decimals, or None when whole is 0."""
    if whole == 0:
        return None
    return Num((2 * part * 10_000 + whole) // (2 * whole), 4)


def jstr(s):
    return json.dumps(s, ensure_ascii=False)


def render(v, indent=None, level=0):
    """Compact (indent None) or pretty JSON; Num objects are written as exact numbers."""
    if isinstance(v, Num):
        return v.text
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return jstr(v)
    if isinstance(v, dict):
        if indent is None:
            return "{" + ",".join(f"{jstr(k)}:{render(x)}" for k, x in v.items()) + "}"
        if not v:
            return "{}"
        pad = " " * (indent * (level + 1))
        body = ",\n".join(f"{pad}{jstr(k)}: {render(x, indent, level + 1)}" for k, x in v.items())
        return "{\n" + body + "\n" + " " * (indent * level) + "}"
    if isinstance(v, (list, tuple)):
        if indent is None:
            return "[" + ",".join(render(x) for x in v) + "]"
        if not v:
            return "[]"
        pad = " " * (indent * (level + 1))
        body = ",\n".join(pad + render(x, indent, level + 1) for x in v)
        return "[\n" + body + "\n" + " " * (indent * level) + "]"
    raise TypeError(f"cannot render {type(v)}")


def event_id(n):
    return str(uuid.uuid5(NAMESPACE, f"danvan-sample-{n}"))


# ----------------------------------------------------------------------------------------
# The province
# ----------------------------------------------------------------------------------------

# (code, name, communes). Names are NFC Vietnamese; commune-level names carry no
# "Xã"/"Phường"/"Thị trấn" prefix. Real names where known, plausible invented ones
# otherwise; some names repeat across districts on purpose (Thanh Bình, Bản Lầu,
# Tân Tiến, Tân Lập) to exercise name lookups that are ambiguous.
DISTRICTS = [
    ("TPLC", "Thành phố Lào Cai", [
        "Duyên Hải", "Lào Cai", "Cốc Lếu", "Kim Tân", "Bắc Lệnh", "Pom Hán", "Xuân Tăng",
        "Bình Minh", "Thống Nhất", "Bắc Cường", "Nam Cường", "Cam Đường", "Hợp Thành",
        "Tả Phời", "Vạn Hòa", "Đồng Tuyển", "Cốc San", "Phố Mới", "Kim Thành", "Hồng Hà",
        "Soi Tiền"]),
    ("SP", "Sa Pa", [
        "Sa Pa", "Sa Pả", "Ô Quý Hồ", "Phan Si Păng", "Hàm Rồng", "Cầu Mây", "Bản Hồ",
        "Hoàng Liên", "Liên Minh", "Mường Bo", "Mường Hoa", "Ngũ Chỉ Sơn", "Tả Phìn",
        "Tả Van", "Thanh Bình", "Trung Chải", "Tả Giàng Phình", "Bản Khoang", "Lao Chải",
        "San Sả Hồ", "Sử Pán", "Hầu Thào", "Bản Phùng", "Thanh Kim", "Suối Thầu", "Nậm Cang"]),
    ("BX", "Bát Xát", [
        "Bát Xát", "A Lù", "A Mú Sung", "Bản Qua", "Bản Vược", "Bản Xèo", "Cốc Mỳ",
        "Dền Sáng", "Dền Thàng", "Mường Hum", "Mường Vi", "Nậm Chạc", "Nậm Pung", "Pa Cheo",
        "Phìn Ngan", "Quang Kim", "Sàng Ma Sáo", "Tòng Sành", "Trịnh Tường", "Trung Lèng Hồ",
        "Y Tý", "Ngải Thầu", "Bản Trung", "Nậm Giàng"]),
    ("BT", "Bảo Thắng", [
        "Phố Lu", "Tằng Loỏng", "Nông trường Phong Hải", "Bản Cầm", "Bản Phiệt", "Gia Phú",
        "Phong Niên", "Phong Hải", "Phú Nhuận", "Sơn Hà", "Sơn Hải", "Thái Niên", "Trì Quang",
        "Xuân Giao", "Xuân Quang", "Tân Lập", "Xuân Tân", "Phú Thịnh", "Làng Cù", "Sơn Mãn",
        "Bản Lầu", "Hòa Lạc"]),
    ("BY", "Bảo Yên", [
        "Phố Ràng", "Bảo Hà", "Kim Sơn", "Cam Cọn", "Tân Dương", "Điện Quan", "Xuân Hòa",
        "Vĩnh Yên", "Nghĩa Đô", "Tân Tiến", "Lương Sơn", "Yên Sơn", "Xuân Thượng", "Việt Tiến",
        "Minh Tân", "Thượng Hà", "Long Phúc", "Long Khánh", "Phúc Khánh"]),
    ("BH", "Bắc Hà", [
        "Bắc Hà", "Bản Cái", "Bản Liền", "Bản Phố", "Bảo Nhai", "Cốc Lầu", "Cốc Ly",
        "Hoàng Thu Phố", "Lùng Cải", "Lùng Phình", "Nậm Đét", "Nậm Khánh", "Nậm Lúc", "Nậm Mòn",
        "Tà Chải", "Tả Củ Tỷ", "Tả Van Chư", "Thải Giàng Phố", "Lầu Thí Ngài", "Na Hối",
        "Bản Già", "Bản Ngò", "Nậm Trì", "Sín Chải"]),
    ("MK", "Mường Khương", [
        "Mường Khương", "Bản Lầu", "Bản Sen", "Cao Sơn", "Dìn Chin", "La Pan Tẩn",
        "Lùng Khấu Nhin", "Lùng Vai", "Nấm Lư", "Nậm Chảy", "Pha Long", "Tả Gia Khâu",
        "Tả Ngài Chồ", "Tả Thàng", "Thanh Bình", "Tung Chung Phố", "Bản Xen", "Nậm Lư",
        "Cốc Chứ", "Sảng Chải"]),
    ("SMC", "Si Ma Cai", [
        "Si Ma Cai", "Bản Mế", "Cán Cấu", "Lùng Thẩn", "Nàn Sán", "Nàn Sín", "Quan Hồ Thẩn",
        "Sán Chải", "Sín Chéng", "Thào Chư Phìn", "Mản Thẩn", "Cán Hồ", "Lử Thẩn", "Lùng Sui",
        "Quan Thần Sán", "Nàn Vái"]),
    ("VB", "Văn Bàn", [
        "Khánh Yên", "Chiềng Ken", "Dần Thàng", "Dương Quỳ", "Hòa Mạc", "Khánh Yên Hạ",
        "Khánh Yên Thượng", "Khánh Yên Trung", "Làng Giàng", "Liêm Phú", "Minh Lương",
        "Nậm Chày", "Nậm Dạng", "Nậm Mả", "Nậm Tha", "Nậm Xây", "Nậm Xé", "Sơn Thủy", "Tân An",
        "Tân Thượng", "Thẩm Dương", "Võ Lao", "Văn Sơn", "Tân Tiến", "Nậm Con", "Bản Bo",
        "Làng Mỏ", "Tân Lập"]),
]

# Villages (thôn) in three Bảo Yên communes.
VILLAGES = [
    ("Bảo Hà", ["Thôn Khe Bàn", "Thôn Bảo Vinh", "Thôn Liên Hà 1"]),
    ("Nghĩa Đô", ["Thôn Bản Hốc", "Thôn Bản Lằn", "Thôn Nà Đình"]),
    ("Tân Dương", ["Thôn Nà Luông", "Thôn Tắp"]),
]

BORDER_DISTRICTS = ("TPLC", "BX", "MK", "SMC")

CAMPAIGNS = [
    # id, title, kind, unit, startedOn, targets, closedOn
    ("NTM-2021", "Toàn dân chung sức xây dựng nông thôn mới", "movement", "LC", "2021-01-15",
     {"landM2": H(150_000_000), "fundsVnd": 250_000_000_000, "workdays": H(15_000_000),
      "roadsKm": H(90_000)}, None),
    ("GTNT-BY-2021", "Làm đường giao thông nông thôn", "drive", "BY", "2021-03-01",
     {"landM2": H(60_000_000), "roadsKm": H(25_000)}, "2023-12-31"),
    ("DTTS-2022", "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào "
     "dân tộc thiểu số và miền núi", "program", "LC", "2022-01-10",
     {"fundsVnd": 120_000_000_000}, None),
    ("BG-MK-2022", "Mở đường tuần tra, đường ra biên giới", "drive", "MK", "2022-03-15",
     {"roadsKm": H(4_000), "workdays": H(800_000)}, "2022-12-20"),
    ("XNT-2023", "Xóa nhà tạm, nhà dột nát", "special_drive", "LC", "2023-05-19",
     {"houses": 1500, "fundsVnd": 75_000_000_000}, "2024-11-30"),
    ("HD-BH-2024", "Hiến đất mở rộng đường liên thôn", "drive", "BH", "2024-02-20",
     {"landM2": H(8_000_000), "roadsKm": H(3_500)}, None),
]

# Which campaigns an event of a given category may be attributed to.
CAMPAIGN_USE = {
    "land_road": ["GTNT-BY-2021", "HD-BH-2024", "NTM-2021"],
    "land_other": ["NTM-2021"],
    "funds": ["XNT-2023", "DTTS-2022", "NTM-2021"],
    "labor": ["GTNT-BY-2021", "BG-MK-2022", "HD-BH-2024", "NTM-2021"],
    "road": ["GTNT-BY-2021", "HD-BH-2024", "NTM-2021", "DTTS-2022"],
    "border_road": ["BG-MK-2022", "DTTS-2022"],
    "house": ["XNT-2023", "DTTS-2022"],
    "lighting": ["NTM-2021"],
    "other": ["NTM-2021", "DTTS-2022"],
}

THON = [
    "thôn Khe Bàn", "thôn Nà Đình", "thôn Bản Lằn", "thôn Làng Lạn", "thôn Bản Mạ",
    "thôn Phìn Hồ", "thôn Sín Chải", "thôn Cốc Phương", "thôn Tân Bình", "thôn Nậm Khắt",
    "thôn Làng Cuông", "thôn Khuổi Phường", "thôn Bản Pầu", "thôn Na Lốc", "thôn Mã Tuyển",
    "thôn Lao Chải", "thôn Suối Thầu", "thôn Tả Chải", "thôn Bản Bon", "thôn Nậm Tôn",
    "thôn Khe Mụ", "thôn Làng Mới", "thôn Đội 3", "thôn Bản Khoang", "thôn Pắc Tà",
    "thôn Ná Lũng", "thôn Cốc Ngù", "thôn Bản Dìn", "thôn Hồng Ca", "thôn Khe Lếch",
]

# topic -> (opinion templates, answer templates). {t}: a village, {y}: a year.
OPINIONS = {
    "giao thông": ([
        "Đề nghị bê tông hóa đường từ {t} ra trung tâm xã.",
        "Đường liên thôn {t} xuống cấp, đề nghị sửa chữa trước mùa mưa.",
        "Cầu tràn qua suối ở {t} bị sạt lở, đi lại khó khăn.",
        "Đề nghị hỗ trợ xi măng để nhân dân tự làm đường nội đồng.",
        "Xin mở rộng đường vào khu sản xuất của {t}.",
        "Xe chở quặng quá tải làm hỏng đường, đề nghị kiểm tra xử lý.",
        "Đề nghị làm rãnh thoát nước dọc tuyến đường qua {t}.",
    ], [
        "Đã đưa tuyến đường vào kế hoạch đầu tư công năm {y}.",
        "Huyện đã hỗ trợ xi măng, nhân dân hiến đất và góp công làm đường.",
        "Đã giao phòng Kinh tế - Hạ tầng khảo sát, sửa chữa trong năm {y}.",
        "Đã khắc phục sạt lở, thông tuyến an toàn.",
        "Công an huyện đã lập chốt kiểm soát tải trọng xe.",
    ]),
    "đất đai": ([
        "Đề nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho các hộ.",
        "Hộ hiến đất làm đường đề nghị được chỉnh lý biến động miễn phí.",
        "Đề nghị giải quyết dứt điểm tranh chấp đất rừng tại {t}.",
        "Mức bồi thường giải phóng mặt bằng chưa thỏa đáng, đề nghị xem xét.",
        "Đề nghị đo đạc lại diện tích đất bị thu hồi làm dự án.",
    ], [
        "Văn phòng đăng ký đất đai đã cấp giấy cho các hộ đủ điều kiện.",
        "Đã miễn phí chỉnh lý biến động cho các hộ hiến đất.",
        "UBND xã đã hòa giải thành, các bên ký biên bản thống nhất.",
        "Đã rà soát, điều chỉnh đơn giá bồi thường theo quy định.",
        "Đã đo đạc lại, công khai kết quả tại nhà văn hóa thôn.",
    ]),
    "thủy lợi": ([
        "Mương thủy lợi {t} bị bồi lấp, đề nghị nạo vét.",
        "Đề nghị đầu tư đập dâng phục vụ tưới cho ruộng bậc thang.",
        "Đề nghị kiên cố hóa kênh mương nội đồng ở {t}.",
    ], [
        "UBND xã đã huy động nhân dân nạo vét xong tuyến mương.",
        "Công trình đã được đưa vào danh mục đầu tư năm {y}.",
        "Đã hỗ trợ vật liệu, nhân dân góp công kiên cố hóa kênh.",
    ]),
    "điện": ([
        "Một số hộ ở {t} chưa có điện lưới quốc gia.",
        "Đề nghị lắp đèn chiếu sáng đường trục thôn.",
        "Điện yếu vào giờ cao điểm, đề nghị nâng công suất trạm biến áp.",
    ], [
        "Ngành điện đã khảo sát, dự kiến kéo điện trong năm {y}.",
        "Đã lắp đèn năng lượng mặt trời trên trục đường thôn.",
        "Điện lực huyện đã thay máy biến áp công suất lớn hơn.",
    ]),
    "nước sinh hoạt": ([
        "Công trình nước sinh hoạt ở {t} hỏng, thiếu nước mùa khô.",
        "Đề nghị hỗ trợ bể chứa nước cho các hộ vùng cao.",
    ], [
        "Đã sửa chữa đường ống, cấp nước trở lại cho các hộ.",
        "Đã hỗ trợ téc nước cho hộ nghèo theo chương trình năm {y}.",
    ]),
    "giáo dục": ([
        "Điểm trường {t} xuống cấp, đề nghị xây phòng học kiên cố.",
        "Đề nghị bố trí thêm giáo viên tiếng Anh cho trường tiểu học.",
        "Đề nghị hỗ trợ gạo cho học sinh bán trú.",
    ], [
        "Đã bố trí vốn xây phòng học kiên cố năm {y}.",
        "Phòng Giáo dục đã điều động giáo viên về trường.",
        "Học sinh bán trú đã được hưởng chế độ hỗ trợ đầy đủ.",
    ]),
    "y tế": ([
        "Trạm y tế xã thiếu thuốc, đề nghị bổ sung trang thiết bị.",
        "Đề nghị cấp thẻ bảo hiểm y tế kịp thời cho người dân tộc thiểu số.",
        "Thẻ BHYT của một số hộ cận nghèo bị cắt, đề nghị xem xét lại.",
        "Đề nghị có bác sĩ khám định kỳ cho người cao tuổi.",
    ], [
        "Trung tâm Y tế huyện đã bổ sung thuốc và thiết bị.",
        "Bảo hiểm xã hội huyện đã cấp thẻ BHYT cho các đối tượng.",
        "Đã rà soát, cấp lại thẻ BHYT cho hộ cận nghèo đủ điều kiện.",
    ]),
    "chính sách xã hội": ([
        "Đề nghị hỗ trợ hộ nghèo làm nhà theo chương trình xóa nhà tạm.",
        "Chế độ cho người có uy tín chậm chi trả.",
        "Đề nghị rà soát lại danh sách hộ nghèo, cận nghèo năm {y}.",
        "Đề nghị hỗ trợ hộ bị thiệt hại do mưa lũ ở {t}.",
    ], [
        "Hộ đã được hỗ trợ 50 triệu đồng làm nhà năm {y}.",
        "Đã chi trả đầy đủ chế độ cho người có uy tín.",
        "Đã rà soát công khai, bình xét lại tại thôn.",
        "Đã hỗ trợ gạo và kinh phí khắc phục hậu quả thiên tai.",
    ]),
    "sản xuất": ([
        "Giá giống quế, chè cao, đề nghị hỗ trợ giống cho nhân dân.",
        "Đề nghị hỗ trợ tiêu thụ chè, quế, chuối cho bà con.",
        "Đề nghị tập huấn phòng dịch tả lợn châu Phi.",
        "Đề nghị hỗ trợ vốn vay phát triển chăn nuôi.",
    ], [
        "Đã hỗ trợ giống theo chương trình mục tiêu quốc gia năm {y}.",
        "Đã kết nối doanh nghiệp bao tiêu sản phẩm cho hợp tác xã.",
        "Trạm Khuyến nông đã mở lớp tập huấn tại thôn.",
        "Ngân hàng Chính sách xã hội đã giải ngân cho các hộ đủ điều kiện.",
    ]),
    "môi trường": ([
        "Rác thải tại chợ trung tâm chưa được thu gom thường xuyên.",
        "Cơ sở chế biến gỗ gây ô nhiễm tiếng ồn, bụi tại {t}.",
    ], [
        "Đã bố trí xe thu gom rác hai ngày một lần.",
        "Đã kiểm tra, yêu cầu cơ sở khắc phục ô nhiễm.",
    ]),
    "an ninh trật tự": ([
        "Đề nghị xử lý khai thác cát trái phép trên sông Chảy.",
        "Đề nghị tăng cường tuần tra đường biên, mốc giới.",
        "Tình trạng trộm cắp gia súc ở {t} chưa được xử lý.",
    ], [
        "Đã phối hợp kiểm tra, xử phạt các trường hợp vi phạm.",
        "Đồn Biên phòng đã tăng cường tuần tra cùng nhân dân.",
        "Công an xã đã điều tra, trả lại tài sản cho người dân.",
    ]),
    "thủ tục hành chính": ([
        "Đề nghị rút ngắn thời gian giải quyết thủ tục đất đai.",
        "Đề nghị hướng dẫn nộp hồ sơ trực tuyến cho người dân.",
    ], [
        "Bộ phận một cửa đã rút ngắn thời gian giải quyết hồ sơ.",
        "Đoàn thanh niên đã hướng dẫn người dân nộp hồ sơ trực tuyến.",
    ]),
}
OPINION_TOPICS = list(OPINIONS)
OPINION_TOPIC_WEIGHTS = [18, 16, 8, 7, 6, 8, 9, 10, 9, 3, 4, 2]
SPOT_ANSWERS = [
    "Đã trả lời trực tiếp tại buổi đối thoại.",
    "Chủ trì đối thoại đã giải đáp, người dân đồng tình.",
    "Đã giải thích chính sách tại hội nghị.",
]

DIALOGUE_TOPICS = [
    "Thực hiện Quy chế dân chủ ở cơ sở",
    "Hiến đất làm đường giao thông nông thôn",
    "Xây dựng nông thôn mới và giảm nghèo bền vững",
    "Bồi thường, giải phóng mặt bằng các dự án",
    "Phát triển kinh tế nông, lâm nghiệp",
    "Chăm lo đời sống đồng bào dân tộc thiểu số",
    "Cải cách thủ tục hành chính",
    "Xóa nhà tạm, nhà dột nát",
]
BORDER_DIALOGUE_TOPIC = "An ninh trật tự, bảo vệ đường biên, mốc giới"

MODEL_TITLES = {
    "economy": [
        "Phát triển vùng quế hữu cơ", "Tổ hợp tác trồng chè Shan tuyết",
        "Hợp tác xã chăn nuôi lợn đen bản địa", "Chuyển đổi cây trồng trên đất dốc",
        "Du lịch cộng đồng gắn với bản sắc dân tộc", "Liên kết trồng chuối, dứa xuất khẩu",
        "Trồng dược liệu dưới tán rừng", "Phụ nữ giúp nhau phát triển kinh tế",
    ],
    "culture_society": [
        "Vận động nhân dân hiến đất làm đường", "Xóa bỏ hủ tục trong việc cưới, việc tang",
        "Thôn sáng - xanh - sạch - đẹp", "Nuôi heo đất giúp học sinh nghèo đến trường",
        "Câu lạc bộ gia đình hạnh phúc", "Chung tay xóa nhà tạm cho hộ nghèo",
    ],
    "defense_security": [
        "Tổ tự quản đường biên, mốc giới", "Thôn không có ma túy, tệ nạn xã hội",
        "Camera an ninh với cộng đồng", "Tổ liên gia tự quản về an ninh trật tự",
    ],
    "political_system": [
        "Bí thư chi bộ đồng thời là trưởng thôn gương mẫu", "Ngày thứ Bảy cùng dân",
        "Cán bộ bám bản, cầm tay chỉ việc", "Đảng viên giúp hộ nghèo thoát nghèo",
    ],
}
MODEL_FIELDS = list(MODEL_TITLES)
MODEL_FIELD_WEIGHTS = [40, 30, 15, 15]

WORKS_KINDS = ["road", "border_road", "house", "lighting", "other"]
MODEL_FIELD_KEYS = ["economy", "culture_society", "defense_security", "political_system"]


def slug(name):
    s = unicodedata.normalize("NFD", name).replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]", "", s).upper()


def d2s(d):
    return d.isoformat()


def s2d(s):
    return dt.date.fromisoformat(s)


# ----------------------------------------------------------------------------------------
# Generation
# ----------------------------------------------------------------------------------------

class Rec:
    """One event before its id is known: type, data, sort key, void bookkeeping."""

    __slots__ = ("type", "data", "key", "voided", "target", "id")

    def __init__(self, type_, data, key):
        self.type = type_
        self.data = data
        self.key = key
        self.voided = False
        self.target = None
        self.id = None


class Generator:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.recs = []
        self.seq = 0
        self.units = {}          # code -> dict(name, level, parent)
        self.districts = []      # codes
        self.communes = {}       # district code -> [commune codes]
        self.villages = {}       # commune code -> [village codes]
        self.campaigns = {}      # id -> dict(unit, start, end)

    # -- helpers ---------------------------------------------------------------------

    def add(self, type_, data, date, prio=2):
        self.seq += 1
        r = Rec(type_, data, (date, prio, self.seq))
        self.recs.append(r)
        return r

    def ancestors_or_self(self, code):
        out = []
        while code is not None:
            out.append(code)
            code = self.units[code]["parent"]
        return out

    def date_in(self, start, end):
        span = (end - start).days
        return start + dt.timedelta(days=self.rng.randint(0, span))

    def date_in_year(self, year, latest=LAST_DAY):
        end = min(dt.date(year, 12, 31), latest)
        return self.date_in(dt.date(year, 1, 1), end)

    def split(self, total, n, lo=1, spread=(0.4, 1.6), weights=None):
        """n integers >= lo summing exactly to total, proportional to random weights."""
        assert total >= n * lo
        if weights is None:
            weights = [self.rng.uniform(*spread) for _ in range(n)]
        rest = total - n * lo
        wsum = sum(weights)
        raw = [rest * w / wsum for w in weights]
        parts = [int(x) for x in raw]
        left = rest - sum(parts)
        order = sorted(range(n), key=lambda i: (raw[i] - parts[i], -i), reverse=True)
        for i in order[:left]:
            parts[i] += 1
        return [p + lo for p in parts]

    def snap(self, parts, grans):
        """Rounds each part down to its granularity; the last part with granularity 1
        takes every remainder so that the sum is unchanged."""
        sink = max(i for i, g in enumerate(grans) if g == 1)
        carry = 0
        out = list(parts)
        for i, g in enumerate(grans):
            if i == sink:
                continue
            r = out[i] % g
            if out[i] - r < g:
                r = out[i] - g if out[i] > g else 0
            out[i] -= r
            carry += r
        out[sink] += carry
        assert sum(out) == sum(parts) and min(out) > 0
        return out

    def pick_campaign(self, category, unit, date, p=0.55):
        if self.rng.random() >= p:
            return None
        chain = self.ancestors_or_self(unit)
        ok = []
        for cid in CAMPAIGN_USE[category]:
            c = self.campaigns[cid]
            if c["unit"] in chain and c["start"] <= date and (c["end"] is None or date <= c["end"]):
                ok.append(cid)
        return self.rng.choice(ok) if ok else None

    def all_communes(self):
        return [c for d in self.districts for c in self.communes[d]]

    def commune_or_village(self, district, village_share=0.25):
        c = self.rng.choice(self.communes[district])
        if self.villages.get(c) and self.rng.random() < village_share:
            return self.rng.choice(self.villages[c])
        return c

    def opinion_text(self, topic, year):
        tpl = self.rng.choice(OPINIONS[topic][0])
        text = tpl.format(t=self.rng.choice(THON), y=year)
        assert len(text) <= 80, text
        return text

    # -- the data --------------------------------------------------------------------

    def build(self):
        self.make_units()
        self.make_campaigns()
        self.make_land()
        self.make_works()
        self.make_labor()
        self.make_funds()
        self.make_dialogues()
        self.make_models()
        self.make_corrections()
        self.finish()

    def register(self, code, name, level, parent):
        assert unicodedata.is_normalized("NFC", name)
        assert code not in self.units, code
        self.units[code] = {"name": name, "level": level, "parent": parent}
        data = {"code": code, "name": name, "level": level}
        if parent is not None:
            data["parent"] = parent
        self.add("unit.registered", data, UNITS_DAY, prio=0)

    def make_units(self):
        self.register("LC", "Lào Cai", "province", None)
        for code, name, _ in DISTRICTS:
            self.register(code, name, "district", "LC")
            self.districts.append(code)
        for dcode, _, names in DISTRICTS:
            assert len(set(names)) == len(names), dcode
            self.communes[dcode] = []
            for name in names:
                code = f"{dcode}-{slug(name)}"
                k = 2
                while code in self.units:
                    code = f"{dcode}-{slug(name)}{k}"
                    k += 1
                self.register(code, name, "commune", dcode)
                self.communes[dcode].append(code)
        assert sum(len(v) for v in self.communes.values()) == PUBLISHED["communes"]
        by_names = {self.units[c]["name"]: c for c in self.communes["BY"]}
        for cname, vnames in VILLAGES:
            c = by_names[cname]
            self.villages[c] = []
            for i, vname in enumerate(vnames, 1):
                v = f"{c}-{i:02d}"
                self.register(v, vname, "village", c)
                self.villages[c].append(v)

    def make_campaigns(self):
        for cid, title, kind, unit, start, targets, end in CAMPAIGNS:
            self.campaigns[cid] = {"unit": unit, "start": s2d(start),
                                   "end": s2d(end) if end else None}
            data = {"campaign": cid, "title": title, "kind": kind, "unit": unit,
                    "startedOn": start, "targets": targets}
            self.add("campaign.launched", data, s2d(start), prio=1)
            if end:
                self.add("campaign.closed", {"campaign": cid, "closedOn": end}, s2d(end), prio=4)

    def land(self, unit, hh, area_h, purpose, date, category):
        data = {"unit": unit}
        cid = self.pick_campaign(category, unit, date)
        if cid:
            data["campaign"] = cid
        data["households"] = hh
        data["areaM2"] = H(area_h)
        if self.rng.random() < 0.45:
            data["assetsVnd"] = hh * self.rng.randint(5, 120) * 100_000
        data["purpose"] = purpose
        data["donatedOn"] = d2s(date)
        return self.add("land.donated", data, date)

    def make_land(self):
        rng = self.rng
        # Bảo Yên: only road land, only 2021–2023, exactly the published totals.
        n = 84
        hh = self.split(PUBLISHED["by_road_households"], n, lo=4)
        weights = [h * rng.uniform(0.55, 1.45) for h in hh]
        areas = self.split(PUBLISHED["by_road_area_h"], n, lo=5_000, weights=weights)
        grans = [rng.choice([100, 100, 100, 100, 100, 100, 10, 1, 1]) for _ in range(n)]
        grans[-1] = 1
        areas = self.snap(areas, grans)
        years = [2021] * 31 + [2022] * 29 + [2023] * 24
        for i in range(n):
            date = self.date_in_year(years[i])
            self.land(self.commune_or_village("BY"), hh[i], areas[i], "road", date, "land_road")
        # Other districts: all purposes, 2021–2024, no fixed total.
        purposes = ["road", "public_works", "school", "cemetery", "other"]
        others = [d for d in self.districts if d != "BY"]
        for _ in range(236):
            d = rng.choice(others)
            unit = rng.choice(self.communes[d]) if rng.random() < 0.93 else d
            purpose = rng.choices(purposes, weights=[55, 16, 10, 5, 14])[0]
            households = rng.randint(1, 40) if purpose == "road" else rng.randint(1, 6)
            area = households * rng.randint(40, 600) * 100
            if rng.random() < 0.3:
                area += rng.randint(1, 99)
            year = rng.choice(YEARS)
            cat = "land_road" if purpose == "road" else "land_other"
            self.land(unit, households, area, purpose, self.date_in_year(year), cat)

    def works(self, unit, kind, count, length_h, value, date):
        data = {"unit": unit}
        cid = self.pick_campaign(kind, unit, date, p=0.6)
        if cid:
            data["campaign"] = cid
        data["kind"] = kind
        data["count"] = count
        if length_h is not None:
            data["lengthKm"] = H(length_h)
        if value is not None:
            data["valueVnd"] = value
        data["completedOn"] = d2s(date)
        return self.add("works.completed", data, date)

    def make_works(self):
        rng = self.rng
        # Bảo Yên roads: 137 roads, 283.75 km, all completed 2021–2023.
        n = 52
        counts = self.split(PUBLISHED["by_road_count"], n, lo=1)
        weights = [c * rng.uniform(0.5, 1.5) for c in counts]
        lengths = self.split(PUBLISHED["by_road_km_h"], n, lo=40, weights=weights)
        grans = [rng.choice([10, 10, 10, 1, 1]) for _ in range(n)]
        grans[-1] = 1
        lengths = self.snap(lengths, grans)
        years = [2021] * 18 + [2022] * 19 + [2023] * 15
        for i in range(n):
            value = None
            if rng.random() < 0.8:
                value = lengths[i] * rng.randint(8, 25) * 1_000_000
            self.works(rng.choice(self.communes["BY"]), "road", counts[i], lengths[i], value,
                       self.date_in_year(years[i]))
        # Everything else (Bảo Yên houses, lighting and other works included).
        for _ in range(230):
            d = rng.choice(self.districts)
            unit = rng.choice(self.communes[d]) if rng.random() < 0.85 else d
            kinds = ["road", "house", "lighting", "other"]
            w = [30, 30, 15, 10]
            if d in BORDER_DISTRICTS:
                kinds.append("border_road")
                w.append(25)
            kind = rng.choices(kinds, weights=w)[0]
            if d == "BY" and kind == "road":
                kind = "house"
            year = rng.choice(YEARS)
            if kind == "house":
                year = rng.choice([2022, 2023, 2023, 2024, 2024])
            date = self.date_in_year(year)
            length = value = None
            if kind in ("road", "border_road"):
                count = rng.randint(1, 4)
                length = count * rng.randint(30, 350) * (10 if rng.random() < 0.7 else 1)
                length = max(length // 10, 20)
                value = length * rng.randint(9, 30) * 1_000_000
            elif kind == "house":
                count = rng.randint(1, 12)
                value = count * rng.randint(40, 70) * 1_000_000
            elif kind == "lighting":
                count = rng.randint(1, 3)
                if rng.random() < 0.6:
                    length = count * rng.randint(5, 30) * 10
                value = count * rng.randint(50, 300) * 1_000_000
            else:
                count = rng.randint(1, 2)
                if rng.random() < 0.7:
                    value = count * rng.randint(100, 2_000) * 1_000_000
            self.works(unit, kind, count, length, value, date)

    def make_labor(self):
        rng = self.rng
        n = 430
        # Quarter-workdays; most entries whole days, some halves, one or two quarters.
        quarters = self.split(PUBLISHED["workdays_h"] // 25, n, lo=8)
        grans = [rng.choices([4, 2, 1], weights=[80, 19, 1])[0] for _ in range(n)]
        grans[-1] = 1
        quarters = self.snap(quarters, grans)
        for q in quarters:
            d = rng.choice(self.districts)
            r = rng.random()
            unit = d if r < 0.1 else self.commune_or_village(d, 0.3)
            date = self.date_in_year(rng.choice(YEARS))
            data = {"unit": unit}
            cid = self.pick_campaign("labor", unit, date)
            if cid:
                data["campaign"] = cid
            data["workdays"] = H(q * 25)
            if rng.random() < 0.7:
                data["participants"] = max(1, q // 4 // rng.randint(2, 6))
            data["contributedOn"] = d2s(date)
            self.add("labor.contributed", data, date)

    def funds(self, unit, amount, source, date, campaign="pick"):
        data = {"unit": unit}
        cid = self.pick_campaign("funds", unit, date) if campaign == "pick" else campaign
        if cid:
            data["campaign"] = cid
        data["amountVnd"] = amount
        data["source"] = source
        data["contributedOn"] = d2s(date)
        return self.add("funds.contributed", data, date)

    def make_funds(self):
        rng = self.rng
        ranges = {"household": (200, 20_000), "business": (20_000, 2_000_000),
                  "organization": (10_000, 500_000), "individual": (1_000, 100_000)}
        for _ in range(470):
            source = rng.choices(list(ranges), weights=[45, 20, 20, 15])[0]
            lo, hi = ranges[source]
            amount = rng.randint(lo, hi) * 1_000
            if rng.random() < 0.6:
                amount = amount // 100_000 * 100_000 or 100_000
            d = rng.choice(self.districts)
            r = rng.random()
            if r < 0.05 and source in ("business", "organization"):
                unit = "LC"
            elif r < 0.2:
                unit = d
            else:
                unit = self.commune_or_village(d, 0.3)
            self.funds(unit, amount, source, self.date_in_year(rng.choice(YEARS)))

    def make_dialogues(self):
        rng = self.rng
        plan = []   # dicts: unit, date, format, chair, n
        # The province (Ban Thường vụ Tỉnh ủy): two a year.
        for y in YEARS:
            for (m0, m1) in ((3, 5), (9, 11)):
                date = self.date_in(dt.date(y, m0, 1), dt.date(y, m1, 28))
                plan.append({"unit": "LC", "date": date, "format": "periodic",
                             "chair": rng.choice(["party_committee_head", "joint"]),
                             "n": rng.randint(20, 45)})
        # Bảo Yên standing committee: exactly the published 18 (16 periodic, 2 ad hoc).
        for y, count in PUBLISHED["by_dialogues"].items():
            adhoc = 1 if y in (2021, 2022) else 0
            dates = sorted(self.date_in_year(y) for _ in range(count))
            slots = ["periodic"] * (count - adhoc) + ["ad_hoc"] * adhoc
            rng.shuffle(slots)
            for date, fmt in zip(dates, slots):
                chair = "government_head" if fmt == "ad_hoc" else rng.choice(
                    ["party_committee_head", "party_committee_head", "joint"])
                plan.append({"unit": "BY", "date": date, "format": fmt, "chair": chair,
                             "n": rng.randint(25, 50)})
        # Other districts and their communes (no Bảo Yên commune holds dialogues).
        for d in self.districts:
            if d == "BY":
                continue
            for y in YEARS:
                for _ in range(rng.randint(2, 5)):
                    fmt = "ad_hoc" if rng.random() < 0.15 else "periodic"
                    plan.append({"unit": d, "date": self.date_in_year(y, LAST_HELD), "format": fmt,
                                 "chair": rng.choice(["party_committee_head", "government_head",
                                                      "joint"]),
                                 "n": rng.randint(15, 45)})
            for c in self.communes[d]:
                for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
                    fmt = "ad_hoc" if rng.random() < 0.2 else "periodic"
                    plan.append({"unit": c, "date": self.date_in_year(rng.choice(YEARS), LAST_HELD),
                                 "format": fmt,
                                 "chair": rng.choice(["party_committee_head", "government_head",
                                                      "government_head", "joint"]),
                                 "n": rng.randint(3, 14)})
        # Exactly 6,351 opinions in all.
        total = sum(p["n"] for p in plan)
        target = PUBLISHED["opinions_received"]
        while total != target:
            p = rng.choice(plan)
            if total > target and p["n"] > 3:
                p["n"] -= 1
                total -= 1
            elif total < target:
                p["n"] += 1
                total += 1
        plan.sort(key=lambda p: (p["date"], p["unit"]))
        seqs = {}
        for p in plan:
            k = (p["unit"], p["date"].year)
            seqs[k] = seqs.get(k, 0) + 1
            p["id"] = f"{p['unit']}-{p['date'].year}-{seqs[k]:02d}"
            p["open"] = 0
        # 77 opinions still waiting for an answer: a few old ones in various units and
        # years, most of them from the latest dialogues of 2024.
        open_total = PUBLISHED["opinions_received"] - PUBLISHED["opinions_answered"]
        old = [p for p in plan if p["date"].year < 2024 and p["unit"] not in ("LC", "BY")]
        for p in rng.sample(old, 12):
            p["open"] = rng.randint(1, 3)
        by23 = [p for p in plan if p["unit"] == "BY" and p["date"].year == 2023]
        by23[-1]["open"] = max(by23[-1]["open"], 2)
        late = [p for p in plan if p["date"] >= dt.date(2024, 9, 15)]
        left = open_total - sum(p["open"] for p in plan)
        assert 0 < left <= sum(p["n"] // 2 for p in late)
        while left:
            p = rng.choice(late)
            if p["open"] < p["n"] // 2:
                p["open"] += 1
                left -= 1
        assert sum(p["open"] for p in plan) == open_total
        for p in plan:
            self.dialogue(p)
        self.dialogue_plan = plan

    def dialogue(self, p):
        rng = self.rng
        date, year = p["date"], p["date"].year
        district = self.ancestors_or_self(p["unit"])[-2] if p["unit"] != "LC" else None
        if p["format"] == "ad_hoc":
            topic = rng.choice(["Bồi thường, giải phóng mặt bằng các dự án",
                                "Hiến đất làm đường giao thông nông thôn",
                                "Giải quyết kiến nghị về đất đai"])
        elif district in BORDER_DISTRICTS and rng.random() < 0.3:
            topic = BORDER_DIALOGUE_TOPIC
        else:
            topic = rng.choice(DIALOGUE_TOPICS)
        opinions = []
        topics = []
        for i in range(1, p["n"] + 1):
            t = rng.choices(OPINION_TOPICS, weights=OPINION_TOPIC_WEIGHTS)[0]
            o = {"opinion": str(i), "text": self.opinion_text(t, year)}
            if rng.random() < 0.6:
                o["topic"] = t
            opinions.append(o)
            topics.append(t)
        level = self.units[p["unit"]]["level"]
        attendees = {"province": (150, 400), "district": (80, 250), "commune": (30, 120)}[level]
        data = {"dialogue": p["id"], "unit": p["unit"], "chair": p["chair"],
                "format": p["format"], "heldOn": d2s(date), "topic": topic}
        if rng.random() < 0.85:
            data["attendees"] = rng.randint(*attendees)
        data["opinions"] = opinions
        self.add("dialogue.held", data, date)
        # Answers: which opinions stay open is random within the dialogue.
        open_ids = set(rng.sample(range(1, p["n"] + 1), p["open"]))
        for i, t in zip(range(1, p["n"] + 1), topics):
            if i in open_ids:
                continue
            if rng.random() < 0.35:
                when = date
                answer = rng.choice(SPOT_ANSWERS)
            else:
                when = min(date + dt.timedelta(days=rng.randint(3, 120)), LAST_DAY)
                answer = rng.choice(OPINIONS[t][1]).format(y=when.year)
            assert len(answer) <= 80, answer
            self.add("opinion.answered", {"dialogue": p["id"], "opinion": str(i),
                                          "answeredOn": d2s(when), "answer": answer},
                     when, prio=3)

    def make_models(self):
        rng = self.rng
        communes = self.all_communes()
        with_models = rng.sample(communes, PUBLISHED["communes_with_models"])
        with_models.sort(key=communes.index)
        items = []   # (unit, field, date)
        for c in with_models:
            k = rng.choices([1, 2, 3], weights=[65, 25, 10])[0]
            for _ in range(k):
                field = rng.choices(MODEL_FIELDS, weights=MODEL_FIELD_WEIGHTS)[0]
                items.append((c, field, self.date_in_year(rng.choice(YEARS))))
        # One commune whose only model belongs to one of its villages (it still counts).
        village_commune = next(c for c in self.villages if c in with_models)
        items = [it for it in items if it[0] != village_commune]
        items.append((self.villages[village_commune][0], "culture_society",
                      dt.date(2022, 8, 19)))
        for d in self.districts:
            for _ in range(rng.randint(1, 3)):
                field = rng.choices(MODEL_FIELDS, weights=MODEL_FIELD_WEIGHTS)[0]
                items.append((d, field, self.date_in_year(rng.choice(YEARS))))
        items.append(("LC", "political_system", dt.date(2023, 10, 13)))
        items.sort(key=lambda it: (it[2], it[0]))
        for i, (unit, field, date) in enumerate(items, 1):
            title = rng.choice(MODEL_TITLES[field])
            self.add("model.registered", {"model": f"M-{i:04d}", "unit": unit, "title": title,
                                          "field": field, "registeredOn": d2s(date)}, date)

    def make_corrections(self):
        # 1. A land donation in Bát Xát keyed in twice: the copy is voided three days later.
        original = next(r for r in self.recs if r.type == "land.donated"
                        and r.data["unit"].startswith("BX-") and r.data["donatedOn"][:4] == "2022"
                        and r.data["purpose"] == "road")
        date = original.key[0]
        copy = self.add("land.donated", dict(original.data), date)
        copy.key = (date, original.key[1], original.key[2] + 0.5)
        void = self.add("entry.voided", {"target": None,
                                         "reason": "Nhập trùng biên bản hiến đất, đã ghi nhận ở bản ghi trước"},
                        date + dt.timedelta(days=3), prio=5)
        void.target = copy
        # 2. A contribution in Văn Bàn typed with an extra zero, voided, then entered again.
        date = dt.date(2023, 8, 14)
        wrong = self.funds("VB-KHANHYEN", 1_500_000_000, "business", date, campaign="XNT-2023")
        fix_day = date + dt.timedelta(days=5)
        void = self.add("entry.voided", {"target": None,
                                         "reason": "Nhập sai số tiền (thừa một chữ số 0); đã nhập lại 150.000.000 đồng"},
                        fix_day, prio=5)
        void.target = wrong
        right = self.funds("VB-KHANHYEN", 150_000_000, "business", date, campaign="XNT-2023")
        right.key = (fix_day, 6, right.key[2])

    def finish(self):
        self.recs.sort(key=lambda r: r.key)
        for n, r in enumerate(self.recs, 1):
            r.id = event_id(n)
        for r in self.recs:
            if r.type == "entry.voided":
                assert r.target.id is not None and r.target.key < r.key
                r.data["target"] = r.target.id
                r.target.voided = True

    # -- figures, computed from the generator's own records ----------------------------

    def summary(self, unit, year):
        """The summary projection, computed from the in-memory records (hundredths)."""
        live = [r for r in self.recs if not r.voided and r.type != "entry.voided"]
        inside = (lambda u: True) if unit is None else (lambda u: unit in self.ancestors_or_self(u))
        in_year = (lambda s: True) if year is None else (lambda s: int(s[:4]) == year)
        land_h = hh = assets = funds = work_h = 0
        works = {k: [0, 0, 0] for k in WORKS_KINDS}
        launched = closed = launched_now_closed = 0
        held = periodic = adhoc = received = answered = 0
        models = 0
        by_field = {k: 0 for k in MODEL_FIELD_KEYS}
        closed_now = {r.data["campaign"] for r in live if r.type == "campaign.closed"}
        campaign_unit = {r.data["campaign"]: r.data["unit"] for r in live
                         if r.type == "campaign.launched"}
        answered_ids = {(r.data["dialogue"], r.data["opinion"]) for r in live
                        if r.type == "opinion.answered"}
        communes_with = set()
        for r in live:
            t, d = r.type, r.data
            if t == "land.donated" and inside(d["unit"]) and in_year(d["donatedOn"]):
                land_h += d["areaM2"].units
                hh += d["households"]
                assets += d.get("assetsVnd", 0)
            elif t == "funds.contributed" and inside(d["unit"]) and in_year(d["contributedOn"]):
                funds += d["amountVnd"]
            elif t == "labor.contributed" and inside(d["unit"]) and in_year(d["contributedOn"]):
                work_h += d["workdays"].units
            elif t == "works.completed" and inside(d["unit"]) and in_year(d["completedOn"]):
                w = works[d["kind"]]
                w[0] += d["count"]
                w[1] += d["lengthKm"].units if "lengthKm" in d else 0
                w[2] += d.get("valueVnd", 0)
            elif t == "campaign.launched" and inside(d["unit"]) and in_year(d["startedOn"]):
                launched += 1
                launched_now_closed += d["campaign"] in closed_now
            elif t == "campaign.closed" and inside(campaign_unit[d["campaign"]]) and in_year(d["closedOn"]):
                closed += 1
            elif t == "dialogue.held" and inside(d["unit"]) and in_year(d["heldOn"]):
                held += 1
                periodic += d["format"] == "periodic"
                adhoc += d["format"] == "ad_hoc"
                received += len(d["opinions"])
                answered += sum((d["dialogue"], o["opinion"]) in answered_ids for o in d["opinions"])
            elif t == "model.registered" and inside(d["unit"]) and in_year(d["registeredOn"]):
                models += 1
                by_field[d["field"]] += 1
                commune = next((u for u in self.ancestors_or_self(d["unit"])
                                if self.units[u]["level"] == "commune"), None)
                if commune is not None and inside(commune):   # a village is not above its commune
                    communes_with.add(commune)
        ncommunes = sum(1 for c, u in self.units.items() if u["level"] == "commune" and inside(c))
        active = launched - launched_now_closed
        return {
            "landDonatedM2": H(land_h),
            "donorHouseholds": hh,
            "assetsVnd": assets,
            "fundsVnd": funds,
            "workdays": H(work_h),
            "works": {k: {"count": v[0], "lengthKm": H(v[1]), "valueVnd": v[2]}
                      for k, v in works.items()},
            "campaigns": {"launched": launched, "active": active, "closed": closed},
            "dialogues": {"held": held, "periodic": periodic, "adHoc": adhoc},
            "opinions": {"received": received, "answered": answered,
                         "answeredRate": rate(answered, received)},
            "models": {"total": models, "byField": by_field, "communes": ncommunes,
                       "communesWithModels": len(communes_with),
                       "adoptionRate": rate(len(communes_with), ncommunes)},
        }


def query(unit=None, year=None):
    q = {"projection": "summary"}
    if unit is not None:
        q["unit"] = unit
    if year is not None:
        q["year"] = year
    return q


def pick(summary, *keys):
    return {k: summary[k] for k in keys}


def build_figures(g):
    by = g.summary("BY", None)
    lc = g.summary("LC", None)
    # The published figures hold in the generator's own model before anything is written.
    assert by["landDonatedM2"].units == PUBLISHED["by_road_area_h"]
    assert by["donorHouseholds"] == PUBLISHED["by_road_households"]
    assert by["works"]["road"]["count"] == PUBLISHED["by_road_count"]
    assert by["works"]["road"]["lengthKm"].units == PUBLISHED["by_road_km_h"]
    assert by["dialogues"] == {"held": 18, "periodic": 16, "adHoc": 2}
    assert lc["opinions"]["received"] == PUBLISHED["opinions_received"]
    assert lc["opinions"]["answered"] == PUBLISHED["opinions_answered"]
    assert lc["opinions"]["answeredRate"].text == "0.9879"
    assert lc["models"]["communes"] == 200 and lc["models"]["communesWithModels"] == 166
    assert lc["workdays"].units == PUBLISHED["workdays_h"]

    figs = []

    def fig(name, q, expect):
        figs.append({"name": name, "query": q, "expect": expect})

    fig("Bảo Yên, 2021–2023: 2.180 hộ hiến 649.003 m² đất làm đường giao thông nông thôn "
        "(all of Bảo Yên's land donations are for roads and dated 2021–2023, so the all-years "
        "figure is the published one)", query("BY"), pick(by, "landDonatedM2", "donorHouseholds"))
    fig("Bảo Yên, 2021–2023: làm mới 137 tuyến đường dài 283,75 km (works.road; no Bảo Yên "
        "road works outside 2021–2023)", query("BY"), pick(by, "works"))
    for y in (2021, 2022, 2023):
        s = g.summary("BY", y)
        assert s["dialogues"]["held"] == PUBLISHED["by_dialogues"][y]
        fig(f"Bảo Yên: Ban Thường vụ Huyện ủy tổ chức {PUBLISHED['by_dialogues'][y]} cuộc đối "
            f"thoại năm {y}", query("BY", y), pick(s, "dialogues"))
    fig("Bảo Yên, 2021–2023: 18 cuộc đối thoại trực tiếp với Nhân dân (16 định kỳ, 2 đột xuất); "
        "no commune of Bảo Yên holds dialogues", query("BY"), pick(by, "dialogues"))
    fig("Toàn tỉnh: tiếp nhận 6.351 ý kiến, kiến nghị qua đối thoại, đã trả lời 6.274 ý kiến "
        "(98,7%; rate 0.9879 rounded half-up to 4 places)", query("LC"), pick(lc, "opinions"))
    fig("Toàn tỉnh: 166/200 xã có mô hình \"Dân vận khéo\" (adoption 0.83; district and "
        "province models do not count)", query("LC"), pick(lc, "models"))
    fig("Toàn tỉnh: nhân dân đóng góp 115.844 ngày công", query("LC"), pick(lc, "workdays"))
    for y in (2021, 2022, 2023):
        s = g.summary("BY", y)
        fig(f"Bảo Yên, {y}: road land and road works of the year (the three years add up to the "
            "published 2021–2023 totals)", query("BY", y),
            pick(s, "landDonatedM2", "donorHouseholds", "works"))
    fig("Lào Cai, all years: full summary", query("LC"), lc)
    for y in YEARS:
        fig(f"Lào Cai, {y}: full summary", query("LC", y), g.summary("LC", y))
    fig("Bảo Yên, all years: full summary", query("BY"), by)
    fig("Xã Bảo Hà (Bảo Yên), all years: full summary (commune with villages; counts itself "
        "as one commune)", query("BY-BAOHA"), g.summary("BY-BAOHA", None))
    # A commune outside Bảo Yên with dialogues and still-open opinions.
    activity = {}
    for r in g.recs:
        u = r.data.get("unit")
        if u is not None and r.type not in ("dialogue.held", "unit.registered"):
            activity[u] = activity.get(u, 0) + 1
    cand = sorted({p["unit"] for p in g.dialogue_plan
                   if g.units[p["unit"]]["level"] == "commune" and p["open"] > 0})
    commune = max(cand, key=lambda c: (activity.get(c, 0), c))
    fig(f"Xã {g.units[commune]['name']} ({g.units[g.units[commune]['parent']]['name']}), all "
        "years: full summary (commune with dialogues and unanswered opinions)",
        query(commune), g.summary(commune, None))
    village = next(r.data["unit"] for r in g.recs if r.type == "model.registered"
                   and g.units[r.data["unit"]]["level"] == "village")
    vparent = g.units[village]["parent"]
    fig(f"{g.units[village]['name']} ({g.units[vparent]['name']}, Bảo Yên): full summary of a "
        "village with a model (no communes at or under it: communes 0, adoptionRate null; its "
        "model makes its commune count)", query(village), g.summary(village, None))
    fig("Bát Xát, all years: full summary (a duplicated land donation there is voided)",
        query("BX"), g.summary("BX", None))
    fig("Văn Bàn, 2023: full summary (a mistaken 1.5 billion VND contribution is voided and "
        "re-entered as 150 million)", query("VB", 2023), g.summary("VB", 2023))
    return figs


def write_outputs(g, out):
    os.makedirs(out, exist_ok=True)
    lines = []
    for r in g.recs:
        lines.append(render({"id": r.id, "type": r.type, "data": r.data}))
    body = "\n".join(lines) + "\n"
    nd_path = os.path.join(out, NDJSON_NAME)
    with open(nd_path, "w", encoding="utf-8", newline="\n") as f:
        f.write(body)
    figs = build_figures(g)
    ex_path = os.path.join(out, EXPECTED_NAME)
    with open(ex_path, "w", encoding="utf-8", newline="\n") as f:
        f.write(render({"figures": figs}, indent=2) + "\n")
    return nd_path, ex_path


# ----------------------------------------------------------------------------------------
# Independent check: everything below reads only the files
# ----------------------------------------------------------------------------------------

class CheckError(Exception):
    pass


def need(cond, msg):
    if not cond:
        raise CheckError(msg)


class RawDecimal(Decimal):
    """A JSON fraction kept with its source text, to check how it was written."""

    def __new__(cls, text):
        obj = Decimal.__new__(cls, text)
        obj.raw = text
        return obj


FRACTION = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]*[1-9]")
INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")


def parse_fraction(text):
    need(FRACTION.fullmatch(text) is not None, f"number {text!r} is not canonical (no exponent, "
         "no trailing zeros)")
    return RawDecimal(text)


def parse_integer(text):
    need(INTEGER.fullmatch(text) is not None, f"integer {text!r} is not canonical")
    return int(text)


def write_back(v):
    """Re-serializes a parsed value exactly as the generator must have written it."""
    if isinstance(v, RawDecimal):
        return v.raw
    if v is None or isinstance(v, bool):
        return json.dumps(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False, separators=(",", ":"))
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + write_back(x)
                              for k, x in v.items()) + "}"
    return "[" + ",".join(write_back(x) for x in v) + "]"


DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
CODE = re.compile(r"[A-Za-z0-9-]{1,64}")
LEVELS = ["province", "district", "commune", "village"]


class Checker:
    """Validates the NDJSON and recomputes the summary projection from it alone."""

    SPEC = {
        "unit.registered": ({"code", "name", "level"}, {"parent"}),
        "campaign.launched": ({"campaign", "title", "kind", "unit", "startedOn"}, {"targets"}),
        "campaign.closed": ({"campaign", "closedOn"}, set()),
        "land.donated": ({"unit", "households", "areaM2", "purpose", "donatedOn"},
                         {"campaign", "assetsVnd"}),
        "funds.contributed": ({"unit", "amountVnd", "source", "contributedOn"}, {"campaign"}),
        "labor.contributed": ({"unit", "workdays", "contributedOn"}, {"campaign", "participants"}),
        "works.completed": ({"unit", "kind", "count", "completedOn"},
                            {"campaign", "lengthKm", "valueVnd"}),
        "dialogue.held": ({"dialogue", "unit", "chair", "format", "heldOn", "topic", "opinions"},
                          {"attendees"}),
        "opinion.answered": ({"dialogue", "opinion", "answeredOn", "answer"}, set()),
        "model.registered": ({"model", "unit", "title", "field", "registeredOn"}, set()),
        "entry.voided": ({"target", "reason"}, set()),
    }
    ENUMS = {
        ("campaign.launched", "kind"): {"movement", "drive", "program", "special_drive"},
        ("land.donated", "purpose"): {"road", "public_works", "school", "cemetery", "other"},
        ("funds.contributed", "source"): {"household", "business", "organization", "individual"},
        ("works.completed", "kind"): set(WORKS_KINDS),
        ("dialogue.held", "chair"): {"party_committee_head", "government_head", "joint"},
        ("dialogue.held", "format"): {"periodic", "ad_hoc"},
        ("model.registered", "field"): set(MODEL_FIELD_KEYS),
    }
    DATE_FIELD = {"campaign.launched": "startedOn", "campaign.closed": "closedOn",
                  "land.donated": "donatedOn", "funds.contributed": "contributedOn",
                  "labor.contributed": "contributedOn", "works.completed": "completedOn",
                  "dialogue.held": "heldOn", "opinion.answered": "answeredOn",
                  "model.registered": "registeredOn"}

    def __init__(self, path):
        self.path = path
        self.events = []            # (line, id, type, data)
        self.by_id = {}
        self.units = {}             # code -> (level, parent, name)
        self.campaigns = {}         # id -> {unit, start, closed}
        self.dialogues = {}         # id -> {heldOn, opinions: {id: answered?}}
        self.models = set()
        self.voided = set()
        self.counts = {}

    def text_ok(self, s, where, limit=None):
        need(isinstance(s, str) and s.strip() == s and s, f"{where}: empty or padded text")
        need(unicodedata.is_normalized("NFC", s), f"{where}: text not NFC")
        if limit:
            need(len(s) <= limit, f"{where}: text longer than {limit}")

    def day(self, s, where):
        need(isinstance(s, str) and DATE.fullmatch(s), f"{where}: bad date {s!r}")
        try:
            d = dt.date.fromisoformat(s)
        except ValueError:
            raise CheckError(f"{where}: not a real date {s!r}")
        need(dt.date(2020, 1, 1) <= d <= LAST_DAY, f"{where}: date {s} out of range")
        return d

    def decimal(self, v, where):
        need(isinstance(v, (int, RawDecimal)) and not isinstance(v, bool), f"{where}: not a number")
        if isinstance(v, RawDecimal):
            need(-v.as_tuple().exponent <= 2, f"{where}: more than 2 fractional digits")
        need(v > 0, f"{where}: must be > 0")
        return Decimal(v)

    def int_(self, v, where, lo=1):
        need(isinstance(v, int) and not isinstance(v, bool), f"{where}: not an integer")
        need(v >= lo, f"{where}: below {lo}")
        return v

    def campaign_ref(self, data, unit, day, where):
        cid = data.get("campaign")
        if cid is None:
            return
        c = self.campaigns.get(cid)
        need(c is not None, f"{where}: campaign {cid} not launched before")
        need(c["start"] <= day and (c["closed"] is None or day <= c["closed"]),
             f"{where}: date outside campaign {cid}")
        need(c["unit"] in self.chain(unit), f"{where}: unit {unit} outside campaign {cid}'s unit")

    def chain(self, code):
        out = []
        while code is not None:
            out.append(code)
            code = self.units[code][1]
        return out

    def read(self):
        raw = open(self.path, "rb").read()
        need(len(raw) <= MAX_BYTES, f"NDJSON is {len(raw)} bytes, over {MAX_BYTES}")
        text = raw.decode("utf-8")
        need(text.endswith("\n") and "\r" not in text, "NDJSON must use LF line ends")
        for n, line in enumerate(text[:-1].split("\n"), 1):
            where = f"line {n}"
            obj = json.loads(line, parse_float=parse_fraction, parse_int=parse_integer)
            need(list(obj) == ["id", "type", "data"], f"{where}: keys must be id, type, data")
            need(write_back(obj) == line, f"{where}: not compact UTF-8 JSON")
            need(obj["id"] == str(uuid.uuid5(NAMESPACE, f"danvan-sample-{n}")),
                 f"{where}: id is not uuid5(NAMESPACE, danvan-sample-{n})")
            need(obj["id"] not in self.by_id, f"{where}: duplicate id")
            t, d = obj["type"], obj["data"]
            need(t in self.SPEC, f"{where}: unknown type {t}")
            req, opt = self.SPEC[t]
            need(req <= set(d) <= req | opt, f"{where}: fields {sorted(d)} do not match {t}")
            for (et, field), allowed in self.ENUMS.items():
                if et == t:
                    need(d[field] in allowed, f"{where}: {field}={d[field]!r}")
            self.validate(t, d, where)
            self.by_id[obj["id"]] = (n, t, d)
            self.events.append((n, obj["id"], t, d))
            self.counts[t] = self.counts.get(t, 0) + 1

    def validate(self, t, d, where):
        day = self.day(d[self.DATE_FIELD[t]], where) if t in self.DATE_FIELD else None
        if "unit" in d:
            need(d["unit"] in self.units, f"{where}: unknown unit {d['unit']}")
        if t == "unit.registered":
            code = d["code"]
            need(CODE.fullmatch(code) is not None, f"{where}: bad code {code}")
            need(code not in self.units, f"{where}: duplicate unit {code}")
            need(d["level"] in LEVELS, f"{where}: level")
            self.text_ok(d["name"], where, 200)
            if d["level"] == "province":
                need("parent" not in d, f"{where}: province with a parent")
            else:
                p = d.get("parent")
                need(p in self.units, f"{where}: parent {p} not registered before")
                need(LEVELS.index(self.units[p][0]) == LEVELS.index(d["level"]) - 1,
                     f"{where}: parent level")
            self.units[code] = (d["level"], d.get("parent"), d["name"])
        elif t == "campaign.launched":
            need(CODE.fullmatch(d["campaign"]) and d["campaign"] not in self.campaigns,
                 f"{where}: campaign id")
            self.text_ok(d["title"], where, 500)
            for k, v in d.get("targets", {}).items():
                need(k in ("landM2", "fundsVnd", "workdays", "roadsKm", "houses"), f"{where}: target {k}")
                if k in ("fundsVnd", "houses"):
                    self.int_(v, where)
                else:
                    self.decimal(v, where)
            self.campaigns[d["campaign"]] = {"unit": d["unit"], "start": day, "closed": None}
        elif t == "campaign.closed":
            c = self.campaigns.get(d["campaign"])
            need(c is not None and c["closed"] is None and c["start"] <= day, f"{where}: close")
            c["closed"] = day
        elif t == "land.donated":
            self.int_(d["households"], where)
            self.decimal(d["areaM2"], where)
            if "assetsVnd" in d:
                self.int_(d["assetsVnd"], where, 0)
            self.campaign_ref(d, d["unit"], day, where)
        elif t == "funds.contributed":
            self.int_(d["amountVnd"], where)
            self.campaign_ref(d, d["unit"], day, where)
        elif t == "labor.contributed":
            self.decimal(d["workdays"], where)
            if "participants" in d:
                self.int_(d["participants"], where)
            self.campaign_ref(d, d["unit"], day, where)
        elif t == "works.completed":
            self.int_(d["count"], where)
            if "lengthKm" in d:
                self.decimal(d["lengthKm"], where)
            if "valueVnd" in d:
                self.int_(d["valueVnd"], where)
            self.campaign_ref(d, d["unit"], day, where)
        elif t == "dialogue.held":
            need(CODE.fullmatch(d["dialogue"]) and d["dialogue"] not in self.dialogues,
                 f"{where}: dialogue id")
            self.text_ok(d["topic"], where, 500)
            if "attendees" in d:
                self.int_(d["attendees"], where, 0)
            ops = {}
            for o in d["opinions"]:
                need(set(o) in ({"opinion", "text"}, {"opinion", "text", "topic"}), f"{where}: opinion")
                need(CODE.fullmatch(o["opinion"]) and o["opinion"] not in ops, f"{where}: opinion id")
                self.text_ok(o["text"], where, 80)
                if "topic" in o:
                    self.text_ok(o["topic"], where, 200)
                ops[o["opinion"]] = False
            self.dialogues[d["dialogue"]] = {"heldOn": day, "opinions": ops}
        elif t == "opinion.answered":
            dl = self.dialogues.get(d["dialogue"])
            need(dl is not None, f"{where}: unknown dialogue")
            need(dl["opinions"].get(d["opinion"]) is False, f"{where}: unknown or answered opinion")
            need(dl["heldOn"] <= day, f"{where}: answered before the dialogue")
            self.text_ok(d["answer"], where, 80)
            dl["opinions"][d["opinion"]] = True
        elif t == "model.registered":
            need(re.fullmatch(r"M-\d{4}", d["model"]) and d["model"] not in self.models,
                 f"{where}: model id")
            self.text_ok(d["title"], where, 500)
            self.models.add(d["model"])
        elif t == "entry.voided":
            target = self.by_id.get(d["target"])
            need(target is not None, f"{where}: void target is not an earlier event")
            need(target[1] not in ("unit.registered", "entry.voided"), f"{where}: cannot void {target[1]}")
            need(d["target"] not in self.voided, f"{where}: voided twice")
            self.text_ok(d["reason"], where)
            self.voided.add(d["target"])

    def structure(self):
        levels = [u[0] for u in self.units.values()]
        need(levels.count("province") == 1 and levels.count("district") == 9, "9 districts")
        need(levels.count("commune") == PUBLISHED["communes"], "exactly 200 communes")
        need("BY" in self.units and self.units["BY"][2] == "Bảo Yên", "BY is Bảo Yên")
        seen = {}
        for code, (level, parent, name) in self.units.items():
            if level == "commune":
                need(not name.startswith("Xã "), f"{code}: commune name with prefix")
                key = (parent, name)
                need(key not in seen, f"{code}: duplicate commune name in {parent}")
                seen[key] = code
        names = [n for (p, n) in seen]
        need(any(names.count(n) > 1 for n in names), "no commune name repeated across districts")
        need(sum(1 for u in self.units.values() if u[0] == "village") >= 3, "villages")
        need(len(self.voided) == 2, "exactly two corrections")
        need(4 <= self.counts.get("campaign.launched", 0) <= 6, "4–6 campaigns")

    def summary(self, unit, year):
        """Second implementation of the summary projection, over the parsed file (Decimal)."""
        live = [(t, d) for (_, i, t, d) in self.events
                if i not in self.voided and t != "entry.voided"]
        if unit is not None:
            need(unit in self.units, f"query for unknown unit {unit}")

        def under(u):
            return unit is None or unit in self.chain(u)

        def when(d, field):
            return year is None or d[field].startswith(f"{year}-")

        zero = Decimal(0)
        s = {"landDonatedM2": zero, "donorHouseholds": 0, "assetsVnd": 0, "fundsVnd": 0,
             "workdays": zero,
             "works": {k: {"count": 0, "lengthKm": zero, "valueVnd": 0} for k in WORKS_KINDS}}
        camp = {"launched": 0, "active": 0, "closed": 0}
        dia = {"held": 0, "periodic": 0, "adHoc": 0}
        received = answered = 0
        total_models = 0
        fields = {k: 0 for k in MODEL_FIELD_KEYS}
        communes_with = []
        closed_ids = [d["campaign"] for t, d in live if t == "campaign.closed"]
        launched_unit = {d["campaign"]: d["unit"] for t, d in live if t == "campaign.launched"}
        answers = [(d["dialogue"], d["opinion"]) for t, d in live if t == "opinion.answered"]
        answers = dict.fromkeys(answers, True)
        for t, d in live:
            if t == "land.donated":
                if under(d["unit"]) and when(d, "donatedOn"):
                    s["landDonatedM2"] += Decimal(d["areaM2"])
                    s["donorHouseholds"] += d["households"]
                    s["assetsVnd"] += d.get("assetsVnd", 0)
            elif t == "funds.contributed":
                if under(d["unit"]) and when(d, "contributedOn"):
                    s["fundsVnd"] += d["amountVnd"]
            elif t == "labor.contributed":
                if under(d["unit"]) and when(d, "contributedOn"):
                    s["workdays"] += Decimal(d["workdays"])
            elif t == "works.completed":
                if under(d["unit"]) and when(d, "completedOn"):
                    w = s["works"][d["kind"]]
                    w["count"] += d["count"]
                    w["lengthKm"] += Decimal(d.get("lengthKm", 0))
                    w["valueVnd"] += d.get("valueVnd", 0)
            elif t == "campaign.launched":
                if under(d["unit"]) and when(d, "startedOn"):
                    camp["launched"] += 1
                    if d["campaign"] not in closed_ids:
                        camp["active"] += 1
            elif t == "campaign.closed":
                if under(launched_unit[d["campaign"]]) and when(d, "closedOn"):
                    camp["closed"] += 1
            elif t == "dialogue.held":
                if under(d["unit"]) and when(d, "heldOn"):
                    dia["held"] += 1
                    dia["periodic" if d["format"] == "periodic" else "adHoc"] += 1
                    for o in d["opinions"]:
                        received += 1
                        if (d["dialogue"], o["opinion"]) in answers:
                            answered += 1
            elif t == "model.registered":
                if under(d["unit"]) and when(d, "registeredOn"):
                    total_models += 1
                    fields[d["field"]] += 1
                    for u in self.chain(d["unit"]):
                        if self.units[u][0] == "commune" and under(u) and u not in communes_with:
                            communes_with.append(u)
        ncommunes = len([c for c, u in self.units.items() if u[0] == "commune" and under(c)])

        def ratio(a, b):
            if b == 0:
                return None
            return (Decimal(a) / Decimal(b)).quantize(Decimal("0.0001"), rounding="ROUND_HALF_UP")

        s["campaigns"] = camp
        s["dialogues"] = dia
        s["opinions"] = {"received": received, "answered": answered,
                         "answeredRate": ratio(answered, received)}
        s["models"] = {"total": total_models, "byField": fields, "communes": ncommunes,
                       "communesWithModels": len(communes_with),
                       "adoptionRate": ratio(len(communes_with), ncommunes)}
        return s


def same(expected, actual, where):
    """expected ⊆ actual, with numbers compared by exact value."""
    if isinstance(expected, dict):
        need(isinstance(actual, dict), f"{where}: expected an object")
        for k, v in expected.items():
            need(k in actual, f"{where}.{k}: not in the computed summary")
            same(v, actual[k], f"{where}.{k}")
        return
    if expected is None or actual is None:
        need(expected is None and actual is None, f"{where}: {expected!r} != {actual!r}")
        return
    need(not isinstance(expected, bool) and isinstance(expected, (int, Decimal)),
         f"{where}: unexpected value {expected!r}")
    need(Decimal(expected) == Decimal(actual), f"{where}: expected {expected}, file gives {actual}")
    if isinstance(actual, Decimal) and actual == actual.to_integral_value():
        need(isinstance(expected, int), f"{where}: whole number {expected} written with a point")


def check(out):
    nd_path = os.path.join(out, NDJSON_NAME)
    ex_path = os.path.join(out, EXPECTED_NAME)
    c = Checker(nd_path)
    c.read()
    c.structure()
    with open(ex_path, encoding="utf-8") as f:
        expected = json.loads(f.read(), parse_float=parse_fraction, parse_int=parse_integer)
    figs = expected["figures"]
    need(isinstance(figs, list) and figs, "expected.json has no figures")
    for i, fig in enumerate(figs):
        need(set(fig) == {"name", "query", "expect"}, f"figure {i}: keys")
        q = fig["query"]
        need(q.get("projection") == "summary" and set(q) <= {"projection", "unit", "year"},
             f"figure {i}: query")
        actual = c.summary(q.get("unit"), q.get("year"))
        same(fig["expect"], actual, f"figure {i} ({fig['name'][:40]}…)")
    # The published figures, straight from the file.
    by = c.summary("BY", None)
    lc = c.summary("LC", None)
    need(by["landDonatedM2"] == Decimal("649003") and by["donorHouseholds"] == 2180, "BY land")
    road_land = sum((Decimal(d["areaM2"]) for (_, i, t, d) in c.events
                     if t == "land.donated" and i not in c.voided and d["purpose"] == "road"
                     and "BY" in c.chain(d["unit"]) and d["donatedOn"][:4] in ("2021", "2022", "2023")),
                    Decimal(0))
    need(road_land == Decimal("649003"), "BY road land 2021–2023")
    need(by["works"]["road"]["count"] == 137 and by["works"]["road"]["lengthKm"] == Decimal("283.75"),
         "BY roads")
    for y, n in PUBLISHED["by_dialogues"].items():
        need(c.summary("BY", y)["dialogues"]["held"] == n, f"BY dialogues {y}")
    need(by["dialogues"] == {"held": 18, "periodic": 16, "adHoc": 2}, "BY dialogues")
    need(sum(1 for (_, _, t, d) in c.events if t == "dialogue.held" and d["unit"] == "BY") == 18,
         "BY's own dialogues")
    need(lc["opinions"]["received"] == 6351 and lc["opinions"]["answered"] == 6274
         and lc["opinions"]["answeredRate"] == Decimal("0.9879"), "LC opinions")
    need(lc["models"]["communes"] == 200 and lc["models"]["communesWithModels"] == 166
         and lc["models"]["adoptionRate"] == Decimal("0.83"), "LC models")
    need(lc["workdays"] == Decimal("115844"), "LC workdays")
    # Voids must matter: the file without them gives different totals.
    need(len(c.voided) == 2, "two voids")
    return c, figs


# ----------------------------------------------------------------------------------------
# README
# ----------------------------------------------------------------------------------------

def human(num):
    whole, _, frac = num.text.partition(".")
    return f"{int(whole):,}" + (f".{frac}" if frac else "")


def readme(g, counts, sizes, sha, figs):
    lc = g.summary("LC", None)
    dates = [r.key[0] for r in g.recs if r.type != "unit.registered"]
    first, last = min(dates).isoformat(), max(dates).isoformat()
    count_rows = "\n".join(f"| `{t}` | {n:,} |" for t, n in counts.items())
    fig_rows = "\n".join(
        f"| {i + 1} | {f['name'].split(' (')[0]} | `{render(f['query'])}` |"
        for i, f in enumerate(figs[:9]))
    return f"""# Sample data: công tác dân vận in Lào Cai, 2021–2024

`lao-cai.ndjson` is a synthetic but realistic event log of mass mobilization work
("công tác dân vận") in Lào Cai province, built so that a `danvand` loaded with it
reproduces a handful of **published figures exactly**, plus every other figure it
computes. `lao-cai.expected.json` lists those figures as `summary` queries and the
answers the daemon must give.

Both files are generated by `Scripts/make-sample.py` (Python 3.11, standard library
only). Regenerate from the repository root with

```sh
python3 Scripts/make-sample.py           # writes Samples/, then re-checks it
python3 Scripts/make-sample.py --check   # only re-check the files in Samples/
```

The output is byte-for-byte deterministic (seed `random.Random({SEED})`; event ids are
`uuid5({NAMESPACE}, "danvan-sample-<line number>")`, line numbers from 1).
Do not edit the files by hand: change the script and regenerate.

| file | bytes | sha256 |
|---|---:|---|
| `lao-cai.ndjson` | {sizes[NDJSON_NAME]:,} | `{sha[NDJSON_NAME]}` |
| `lao-cai.expected.json` | {sizes[EXPECTED_NAME]:,} | `{sha[EXPECTED_NAME]}` |

## What is in it

- **Units** (`unit.registered`): province `LC` "Lào Cai"; its 9 districts (`TPLC`
  Thành phố Lào Cai, `SP` Sa Pa, `BX` Bát Xát, `BT` Bảo Thắng, `BY` Bảo Yên, `BH` Bắc Hà,
  `MK` Mường Khương, `SMC` Si Ma Cai, `VB` Văn Bàn); exactly **200 communes** (codes
  `<district>-<name without diacritics>`, e.g. `BY-BAOHA`; names without the "Xã" prefix);
  8 villages (thôn) in Bảo Hà, Nghĩa Đô and Tân Dương of Bảo Yên (`BY-BAOHA-01`, ...).
  Commune names are real where known and invented otherwise; this is **not** an
  authoritative list of Lào Cai's administrative units. Some names repeat across
  districts on purpose (Thanh Bình in Sa Pa and Mường Khương, Bản Lầu in Bảo Thắng and
  Mường Khương, Tân Tiến in Bảo Yên and Văn Bàn, Tân Lập in Bảo Thắng and Văn Bàn), and
  some commune-level names equal a district or the province name (Sa Pa, Bắc Hà, Lào Cai).
- **Campaigns**: 6 launched, 3 closed — `NTM-2021` (movement, LC), `GTNT-BY-2021`
  (drive, BY, closed 2023-12-31), `DTTS-2022` (program, LC), `BG-MK-2022` (drive, MK,
  closed 2022-12-20), `XNT-2023` "Xóa nhà tạm, nhà dột nát" (special_drive, LC, closed
  2024-11-30), `HD-BH-2024` (drive, BH). Part of the land, funds, labor and works is
  attributed to them, always within the campaign's dates and unit.
- **Contributions**: land donations (all purposes), funds, labor, completed works,
  2021–2024, at commune, village and district level (some funds at the province).
- **Dialogues** (`dialogue.held`) at the province, the districts and the communes
  outside Bảo Yên, with short Vietnamese opinions, and `opinion.answered` for all but 77
  of them (answers on the day, or up to four months later, some in the next year).
- **"Dân vận khéo" models** in 166 communes (some with 2–3), one of them registered at
  a village (it counts for its commune), plus models at district and province level
  (they do not count for commune adoption).
- **Two corrections** (`entry.voided`): a land donation in Bát Xát keyed in twice (the
  copy is voided) and a contribution in Văn Bàn typed as 1,500,000,000 VND instead of
  150,000,000 (voided, then entered again). The published figures hold after the voids.
- Event dates run from {first} to {last}. Areas, lengths and workdays are
  decimals with at most two fractional digits; money is whole VND.

Events by type ({sum(counts.values()):,} in all):

| type | events |
|---|---:|
{count_rows}

Province totals (all years, after corrections): {human(lc['landDonatedM2'])} m² of land
from {lc['donorHouseholds']:,} households, {lc['fundsVnd']:,} VND of funds,
{human(lc['workdays'])} workdays, {lc['dialogues']['held']} dialogues,
{lc['models']['total']} models.

## Published figures it reproduces

| # | figure | query |
|---|---|---|
{fig_rows}

Where they live in the data:

- **Bảo Yên land and roads, 2021–2023** — every `land.donated` under `BY` (84 events, at
  communes and villages, 2021–2023, purpose `road`) sums to 2,180 households and
  649,003 m²; the `works.completed` of kind `road` under `BY` (52 events, 2021–2023) sum to
  137 roads and 283.75 km. Bảo Yên has no land donations of other purposes and no road
  works outside those years, so `summary BY` without a year gives the published
  totals; the per-year figures in `expected.json` add up to them.
- **Bảo Yên dialogues** — 18 `dialogue.held` with `unit` = `BY` (ids `BY-2021-01` ...
  `BY-2023-04`): 9 in 2021, 5 in 2022, 4 in 2023; 16 periodic, 2 ad hoc. No Bảo Yên
  commune holds dialogues, so the figure including descendants is also 18.
- **Province opinions** — the opinions of every `dialogue.held` (2021–2024) total 6,351;
  6,274 have an `opinion.answered` (rate 0.9879, published as 98,7%). The 77 open ones
  are spread over a dozen older dialogues in several districts and communes (one in
  Bảo Yên, 2023) and the latest dialogues of autumn 2024.
- **Models** — 166 of the 200 communes have at least one `model.registered` at the
  commune or one of its villages (adoption 0.83).
- **Workdays** — the `labor.contributed` entries of the whole province sum to
  115,844 workdays (most whole days, some halves and quarters).

## expected.json

`{{"figures": [{{"name", "query", "expect"}}, ...]}}`. `query` is a `summary` request
(`unit`, `year` optional); `expect` is a subset of the reply, compared key by key (each
top-level key it names is given in full). Besides the published figures it holds the
full summary of LC for all years and for each year 2021–2024, of BY, of the commune
Bảo Hà, of a commune with open opinions, of a village holding a model (no communes:
`adoptionRate` null), of Bát Xát and of Văn Bàn 2023 (where the corrections are).

Semantics the figures assume: a unit's figure includes all its descendants; a year
selects events by their own date (`donatedOn`, `contributedOn`, `completedOn`, `heldOn`,
`registeredOn`, `startedOn`, `closedOn`); opinions are the cohort raised at dialogues
held in the period, `answered` counting answers of any date; rates are rounded half-up
to 4 places; `communes` counts the communes at or under the unit (a commune counts
itself), `communesWithModels` those with a model registered in the commune or its
villages in the period; campaigns count at their own unit and its ancestors, `active`
being launched in the period and not closed now. Decimals are written canonically
(`283.75`, `649003`, no exponent, no trailing zeros).
"""


# ----------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only check the existing files")
    ap.add_argument("--out", default=os.path.join(ROOT, "Samples"), help="output directory")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    if not args.check:
        g = Generator()
        g.build()
        write_outputs(g, out)
    try:
        c, figs = check(out)
    except CheckError as e:
        print(f"CHECK FAILED: {e}", file=sys.stderr)
        return 1
    sizes = {n: os.path.getsize(os.path.join(out, n)) for n in (NDJSON_NAME, EXPECTED_NAME)}
    sha = {n: hashlib.sha256(open(os.path.join(out, n), "rb").read()).hexdigest()
           for n in sizes}
    order = list(Checker.SPEC)
    counts = {t: c.counts[t] for t in order if t in c.counts}
    if not args.check:
        with open(os.path.join(out, README_NAME), "w", encoding="utf-8", newline="\n") as f:
            f.write(readme(g, counts, sizes, sha, figs))
    for t, n in counts.items():
        print(f"{t:20} {n:6}")
    print(f"{'total':20} {sum(counts.values()):6}")
    for n, s in sizes.items():
        print(f"{n}: {s:,} bytes  sha256 {sha[n]}")
    print(f"check passed: {len(figs)} figures recomputed from {NDJSON_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
