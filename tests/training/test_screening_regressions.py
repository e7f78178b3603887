"""The screening's known mistakes, each in the language it was seen in: honest wordings that were held (they must
publish) and deceptive ones that were published (they must be held). Issue #27 lists them by category."""
from __future__ import annotations

import pytest

from training import screening


def _found(text: str) -> set[str]:
    return {flag.indicator for flag in screening.screen_text(text)}


FALSE_ALARMS = [
    # Ordinary Burmese ads (counterexamples_my.jsonl): an advance the worker may draw mid-month or of the wages
    # earned, a voluntary savings-group loan, and a negation after the word's own ending ("ဖြတ်ခြင်း မရှိ").
    ("my", "လလယ်တွင် လစာ၏ တစ်ဝက်အထိ ကြိုတင်ထုတ်ယူနိုင်ပြီး လကုန် လစာမှ ပြန်နုတ်သည်။"),
    ("my", "လုပ်ခ ကြိုတင်ထုတ်ခွင့် ရှိပြီး နောက်ပတ် လုပ်ခမှ အတိုးမဲ့ ပြန်နုတ်သည်။"),
    ("my", "ဝန်ထမ်း ငွေစု အသင်း မှ ချေးငွေ ယူနိုင်ပြီး လစဉ် လစာမှ အရစ်ကျ ပြန်ဆပ်နိုင်သည် (ဆန္ဒအလျောက်)။"),
    ("my", "ငွေစာရင်း လိုငွေ ဖြစ်ပါက စာရင်း စစ်သည်၊ လစာမှ ဖြတ်ခြင်း မရှိ။"),
    ("my", "အလုပ်ထွက်လိုလျှင် တစ်ပတ် ကြိုပြောရုံ ဖြစ်ပြီး ဒဏ်ငွေ မရှိ။"),
    # Blind batch bc-* (en, lo, my): negations and ordinary wordings by category.
    ("en", "You may resign with 30 days' notice and receive all wages owed."),
    ("en", "Employer pays demand letter, visa, work permit. MOU workers – employer pays recruitment costs."),
    ("en", "We help register your work permit and pay the fee."),
    ("en", "Send photos of dishes to LINE OA @baankata (official account) or call us."),
    ("lo", "ສະໝັກທາງ WhatsApp ຂອງຮ້ານ ຫຼື ມາທີ່ຮ້ານ."),
    ("lo", "ນຳບັດປະຈຳຕົວມາ ພວກເຮົາຖ່າຍສຳເນົາແລ້ວສົ່ງຄືນທັນທີ."),
    ("lo", "ທ່ານເກັບໂທລະສັບ ແລະ ເອກະສານເອງ ບໍ່ມີການເກັບເງິນມັດຈຳ."),
    ("my", "မိုဘိုင်းဖုန်းဆိုင်တွင် အရောင်းဝန်ထမ်း ၃ ဦး လိုအပ်။"),
    ("my", "ဝင်ကြေး၊ အာမခံငွေ မည်သည့်ငွေမှ မကောက်ပါ။"),
    ("my", "မှတ်ပုံတင် မူရင်းကို မသိမ်းပါ၊ မိတ္တူသာ ယူပါမည်။"),
    ("my", "ရက် ၃၀ ကြိုတင်အကြောင်းကြား၍ နုတ်ထွက်နိုင်ပြီး လုပ်ခ အပြည့် ရမည်။"),
    ("my", "ဖုန်းနှင့် မှတ်ပုံတင်ကို ကိုယ်တိုင်ကိုင်ထားနိုင်သည်၊ အာမခံငွေ မတောင်းပါ။"),
    ("my", "ထိုင်းမှတ်ပုံတင်ကုမ္ပဏီ တွင် စက်ချုပ်သမ လိုအပ်။"),
    ("my", "ဖြတ်တောက်မှုအားလုံး လစာစာရွက်တွင် ဖော်ပြမည်။"),
    ("en", "You can use your phone on your day off and after work."),
    ("en", "Staff do not need to go out for lunch, meals are provided."),
    # Lao: ordinary wordings near the new Lao words.
    ("lo", "ບໍລິສັດອອກຄ່າວີຊາໃຫ້ກ່ອນ ບໍ່ຫັກຈາກເງິນເດືອນ."),
    ("lo", "ມີລົດຮັບສົ່ງພະນັກງານ ເງິນເດືອນ 3,500,000 ກີບ ບໍ່ຕ້ອງມີປະສົບການ ອາຍຸ 18-35 ປີ."),
    ("lo", "ສະຫະກອນພະນັກງານ ໃຫ້ກູ້ຢືມ ຜ່ອນຈາກເງິນເດືອນ."),
    ("lo", "ພະນັກງານຂາຍ ຊ່ວຍເພີ່ມຍອດຂາຍ ມີຄ່າຄອມທຸກອໍເດີ."),
    ("lo", "ພະນັກງານເຮັດວຽກ 8 ຊົ່ວໂມງ ມີມືຖືໃຫ້ໃຊ້ ພິມເອກະສານ."),  # ຖື inside ມືຖື is not 'held'
    ("my", "ကျန်းမာရေး အာမခံ ငွေ ကို ကုမ္ပဏီက ထည့်ပေးသည်။"),  # health insurance, not a guarantee deposit
    ("my", "ပထမ လ လစာ ကို ၁ လ ပြည့်မှ ပေးသည်။"),  # the first month paid when it is complete
    ("my", "ရေ မီး ခ ကို လစာမှ ဖြတ်သည်။"),  # water and electricity
    ("my", "စက်ရုံ အတွင်း ဖုန်း သုံးခွင့် မရှိ၊ နားချိန် တွင် သုံးနိုင်သည်။"),
    ("my", "အလုပ်ချိန်အတွင်း အပြင်မထွက်ရ၊ အလုပ်ဆင်းပြီး လွတ်လပ်စွာ ထွက်နိုင်သည်။"),
    ("en", "Waiter, beach hotel. 12,000 baht a month plus service charge, meals on duty."),
    ("en", "Salary 11,500 baht + service charge share every month."),
    ("en", "Deposit for uniform: none. We give you two shirts."),
    ("en", "Recruitment fee: none. Travel to the farm is paid by us."),
    ("en", "Recruitment fee - none, and no deposit."),
    ("en", "Pay by direct deposit to your bank account every Friday."),
    ("en", "Social security deducted from salary as the law requires."),
    ("en", "Workers keep their own passports and phones."),
    ("th", "ลูกจ้างเก็บหนังสือเดินทางและบัตรประชาชนเอง"),
    ("vi", "Người lao động tự giữ hộ chiếu và điện thoại."),
    ("my", "ပတ်စပို့ကို ကိုယ်တိုင် ကိုင်ထားနိုင်သည်။"),
    ("km", "អ្នករក្សាលិខិតឆ្លងដែនដោយខ្លួនឯង។"),
    ("lo", "ພະນັກງານເກັບໜັງສືຜ່ານແດນເອງ."),
    ("en", "Staff loan scheme for long-serving employees; canteen and uniform free."),
    ("en", "No experience needed, we train you. 400 baht a day."),
    ("en", "Please bring a copy of your passport and work permit to the interview."),
    ("en", "Salary paid monthly; performance bonus every six months."),
    ("th", "ค่าหัวคิว: ไม่มี ค่านายหน้า: ไม่มี"),
    ("th", "ค่าหัวคิว ไม่มี สมัครฟรี"),
    ("th", "พนักงานร้านกาแฟ รายได้ดี มีประกันสังคม"),
    ("th", "งานขายหน้าร้าน เงินดี มีค่าคอม เงินเดือน 12,000 บาท"),
    ("th", "หักประกันสังคมจากเงินเดือนตามกฎหมาย"),
    ("th", "เงินเดือน 15,000 บาท บวกค่าบริการ"),
    ("th", "ใช้สำเนาบัตรประชาชนในการสมัคร"),
    ("my", "အလုပ်အကိုင်ရှာဖွေခ: မရှိ။"),
    ("vi", "Phí môi giới: không. Lương 8 triệu."),
    ("vi", "Trừ bảo hiểm xã hội vào lương theo luật."),
    ("km", "ថ្លៃសេវា: គ្មាន។"),
    ("lo", "ຄ່ານາຍໜ້າ: ບໍ່ມີ."),
    # pay every month is not pay every few months; free to go out is not confinement
    ("lo", "ເງິນເດືອນຈ່າຍທຸກເດືອນ"),
    ("lo", "ເງິນເດືອນຈ່າຍທຸກ 1 ເດືອນ"),
    ("km", "ប្រាក់ខែបើកម្តងរៀងរាល់ ១ ខែ"),
    ("en", "You are free to go outside the dormitory after work."),
    ("en", "Food is not allowed out of the factory."),
    ("my", "ပိတ်ရက်တွင် အပြင်ထွက်ခွင့်ရှိသည်။"),
    ("vi", "Like trang để nhận tin tuyển dụng mới."),
    # blind batch ba-*: a phone shop is not a phone held, an official shop account is not a private chat, a
    # deduction of social security and a cooperative's loan are not a debt, an online job is not a LINE id, a list
    # closed by "all paid by the employer", an ordinary pay range with no experience needed
    ("th", "รับพนักงานขาย ร้านมือถือ ห้างในเชียงใหม่ รายได้ดี"),
    ("th", "สมัครที่ร้านหรือแอดไลน์ร้าน @example_shop"),
    ("en", "Apply in store or LINE the official shop account @example_shop."),
    ("th", "หักประกันสังคม 5% ตามกฎหมาย มีสหกรณ์ออมทรัพย์ กู้เงินสหกรณ์ได้เมื่อเป็นสมาชิกครบ 1 ปี"),
    ("en", "Social security deducted, and a staff cooperative lends to members after one year."),
    ("th", "รับพนักงานบริการลูกค้าออนไลน์ ทำงานในออฟฟิศ"),
    ("my", "ဗီဇာ၊ ပါမစ်၊ ဆေးစစ်ခ၊ ခရီးစရိတ် အားလုံး အလုပ်ရှင်က ပေးသည်။"),
    ("en", "Recruitment fee, visa and ticket, all paid by the employer."),
    ("en", "No experience needed, we train you. Salary 12,000-15,000 baht a month."),
    ("th", "ไม่ต้องมีประสบการณ์ เงินเดือน 12,000-15,000 บาท"),
    ("th", "ไม่ต้องมีประสบการณ์ รายได้ดี มีประกันสังคม"),
    # blind batch bb-*: a negation closing its clause around a list ("... any at all"), a mid-month advance on
    # request, a deduction "as the law requires", staff who keep their own papers, a skilled job abroad
    ("km", "រោងចក្រមិនយកថ្លៃជ្រើសរើស ថ្លៃឯកសារ ឬប្រាក់កក់ណាមួយឡើយ។"),
    ("lo", "ໂຮງງານ ບໍ່ເກັບຄ່າສະໝັກ ຄ່າເອກະສານ ຫຼື ເງິນມັດຈຳໃດໆ."),
    ("vi", "Công ty KHÔNG thu bất kỳ khoản phí tuyển dụng, phí hồ sơ hay tiền cọc nào."),
    ("vi", "Cần tạm ứng giữa tháng có thể đề nghị, không tính lãi, trừ vào kỳ lương cuối tháng."),
    ("km", "ភាគទានរបបសន្តិសុខសង្គមផ្នែកកម្មករ កាត់ពីប្រាក់ខែតាមច្បាប់។"),
    ("km", "បុគ្គលិករក្សាអត្តសញ្ញាណប័ណ្ណ និងឯកសារដើមដោយខ្លួនឯង។"),
    ("en", "Thai chef, resort in Siem Reap. Five years' experience required. Salary 1,500 USD, flight provided."),
    # blind batch bd-*: a group chat inside the company for shifts, or a chat for questions beside applying on the
    # site; a room deposit given back on moving out; a list denied as a whole ("there are no A, B or C", "A၊ B၊ C
    # မပါရှိပါ", "นายจ้างรับผิดชอบค่า… ค่า… ค่า…"); overtime "paid separately"; "no need to repay"; workers who
    # hold their own passport.
    ("en", "Apply through our careers page or ask questions on LINE @resort-hr-example."),
    ("th", "สมัครผ่านเว็บไซต์บริษัท มีคำถามทักไลน์ได้ค่ะ"),
    ("my", "အဆိုင်း ခွဲဝေရန် Viber Group ရှိပါသည်။"),
    ("vi", "Nhóm Zalo nội bộ dùng để đổi ca."),
    ("km", "វេនការងារចែកតាមក្រុម Telegram ផ្ទៃក្នុង។"),
    ("lo", "ມີກຸ່ມ WhatsApp ພາຍໃນ ສຳລັບແບ່ງເວນ."),
    ("en", "Staff rooms are available at 1,000 THB/month, with one month's deposit returned in full when you move "
           "out."),
    ("vi", "Phòng trọ giá 1,2 triệu/tháng, tiền cọc phòng 1 tháng được trả lại đủ khi chuyển đi."),
    ("en", "The employer pays your airfare, and there are no deposits, penalty clauses or management fees in the "
           "contract."),
    ("my", "စာချုပ်တွင် စရံငွေ၊ ဒဏ်ကြေး၊ စီမံခန့်ခွဲခ မပါရှိပါ။"),
    ("th", "ค่าจ้าง 372 บาท/วัน OT จ่ายแยก นายจ้างรับผิดชอบค่านำเข้า ค่าวีซ่า ค่าตรวจสุขภาพ ค่าใบอนุญาตทำงาน "
           "ลูกจ้างถือพาสปอร์ตและใบอนุญาตทำงานเอง"),
    ("my", "ရောက်ရှိချိန်တွင် အသုံးစရိတ်အဖြစ် ဘတ် ၁၀၀၀ ထောက်ပံ့ငွေ ပေးပါသည် (ပြန်ဆပ်ရန် မလို)။"),
    ("km", "កម្មករកាន់លិខិតឆ្លងដែនដោយខ្លួនឯង។"),
    # Ordinary wordings near batch bd's new words: a language test the worker takes, phones free at breaks, a family
    # that may call the worker's own phone, the border named as where the job is not.
    ("en", "You must pass the Korean language test (EPS-TOPIK) before we apply for your visa."),
    ("en", "Phones are free to use at breaks; you can call your family any time after work."),
    ("th", "สอบภาษาเกาหลีผ่านแล้วเท่านั้น นายจ้างออกค่าตั๋วเครื่องบิน"),
    # Blind batch be-* (six languages), by category. A chat app for questions beside applying in person, by e-mail
    # or here, or before a trial day (a phone number masked with x is one number, not the end of a clause):
    ("en", "Questions only on LINE @sunrisebayhr."),
    ("en", "Say hi on our IG DM @studio_ari_hair and then come in for a trial day (paid 400 THB)."),
    ("th", "สมัครที่ฝ่ายบุคคลหรือส่งประวัติทางอีเมล สอบถามทักไลน์ @patonghotelhr"),
    ("th", "ทักไลน์ @karonspa สอบถามก่อนได้ แล้วนัดมาทดสอบฝีมือ"),
    ("my", "မေးမြန်းရန် Viber 09-xxx-xxx-xxx"),
    ("my", "Viber ဖြင့် မေးနိုင်ပြီး ဆိုင်တွင် လာတွေ့ပါ။"),
    ("vi", "Hỏi thêm qua Zalo 09xx.xxx.xxx."),
    ("vi", "Tuyen nhan vien kho. Lien he Zalo 09xx.xxx.xxx hoi truoc, phong van truc tiep tai kho."),
    ("km", "ផ្ញើ CV តាមអ៊ីមែល ឬសួរតាម Telegram @angkorhotel_hr។"),
    ("lo", "ສົ່ງໃບສະໝັກທີ່ພະແນກບຸກຄະລາກອນ, ສອບຖາມທາງ WhatsApp 020 xxxx xxxx."),
    # A deposit or agency fee the employer or the household pays, a list denied as a whole, a wage advance drawn:
    ("en", "We rent a staff apartment and pay the room deposit ourselves."),
    ("th", "บริษัทเช่าห้องพักให้พนักงานและจ่ายเงินมัดจำห้องเอง"),
    ("th", "ค่าบริการจัดหางานนายจ้างเป็นคนจ่าย แม่บ้านไม่ต้องจ่ายอะไร"),
    ("my", "အလုပ်ဝင်ကြေး၊ ယူနီဖောင်းဖိုး မယူပါ။"),
    ("my", "အေဂျင်စီခကို အိမ်ရှင်က ပေးပါသည်။"),
    ("my", "ဘန်ကောက် ကုန်လှောင်ရုံ ညဆိုင်း ဝန်ထမ်း - ကြိုတင်ငွေ ထုတ်ယူနိုင်"),
    ("vi", "Phí dịch vụ do chủ nhà trả cho công ty, người giúp việc không mất đồng nào."),
    ("vi", "Người lao động không phải nộp phí dịch vụ, chỉ tự trả lệ phí visa và khám sức khỏe."),
    # The worker holds their own passport or phone, the employer keeps only a copy, an original is shown and taken
    # back, a copy is brought; เก็บ as picking a crop; a salary raised after probation (ปรับเงินเดือน) is no fine:
    ("km", "លិខិតឆ្លងដែនកម្មករកាន់ខ្លួនឯង។"),
    ("km", "មានបន្ទប់ផ្ទាល់ខ្លួន ទូរស័ព្ទកាន់ខ្លួនឯង ថ្ងៃសម្រាកអាចចេញក្រៅបាន។"),
    ("km", "ត្រូវមានលិខិតឆ្លងដែនដើម្បីធ្វើទិដ្ឋាការ ប៉ុន្តែអ្នកកាន់ខ្លួនឯង សណ្ឋាគាររក្សាទុកតែច្បាប់ចម្លង។"),
    ("km", "យកអត្តសញ្ញាណប័ណ្ណដើមមកបង្ហាញ ហើយយកត្រឡប់ទៅវិញ។"),
    ("km", "សូមយកច្បាប់ថតចម្លងអត្តសញ្ញាណប័ណ្ណ 1 សន្លឹក មកពេលសម្ភាសន៍។"),
    ("lo", "ຕ້ອງມີໜັງສືຜ່ານແດນເພື່ອເຮັດວີຊາ ແຕ່ທ່ານຖືເອງ ໂຮງແຮມເກັບແຕ່ສຳເນົາ."),
    ("th", "รับแรงงานกัมพูชา (บัตรผ่านแดน) เก็บทุเรียน จันทบุรี"),
    ("th", "ทดลองงาน 3 เดือนได้เงินเดือนเต็ม ผ่านโปรฯ ปรับเงินเดือน"),
    # Ordinary wordings near the words added for batch be's misses.
    ("en", "You can call your family any time; Sunday is your day off."),
    ("th", "โทรหาครอบครัวได้ทุกวันหลังเลิกงาน"),
    ("vi", "Lương cứng 15 triệu, làm tại Bình Dương, không cần kinh nghiệm, công ty đào tạo."),
    ("lo", "ໂຮງແຮມ ວຽງຈັນ ເງິນເດືອນ 3.000.000 ກີບ, ບໍລິສັດຈັດລົດຮັບສົ່ງພະນັກງານ."),
    # Batch bf's kinds of honest wording, in new words (the batch's own ads are in the development set): a job
    # that teaches people to spot the abuses, deposits given back, the employer paying a list of costs, advances
    # of wages already earned, a chat app as the work's channel to customers, lending as the job, 'apply here
    # only' beside a chat for questions, sewing, a worker who keeps the original, holiday pay doubled.
    ("en", "Field officer: teach villagers how to recognise illegal recruitment fees, passport retention and debt "
           "bondage."),
    ("km", "ភារកិច្ច៖ ពន្យល់សិស្សពីរបៀបសម្គាល់ការយកថ្លៃជើងសារខុសច្បាប់ និងការដកហូតលិខិតឆ្លងដែន។"),
    ("my", "ရွာများတွင် တရားမဝင် ပွဲခ နှင့် ပတ်စပို့ သိမ်းဆည်းခြင်းအကြောင်း အသိပညာပေး ရှင်းပြရမည်။"),
    ("vi", "Tuyên truyền cho học sinh cách nhận biết việc thu phí môi giới trái phép và giữ hộ chiếu."),
    ("lo", "ໜ້າທີ່: ໃຫ້ຄວາມຮູ້ຊາວບ້ານກ່ຽວກັບການເກັບຄ່ານາຍໜ້າຜິດກົດໝາຍ ແລະ ການຍຶດໜັງສືຜ່ານແດນ."),
    ("th", "งานลงพื้นที่ให้ความรู้ชาวบ้านเรื่องการเก็บค่าหัวคิวผิดกฎหมายและการยึดพาสปอร์ต"),
    ("en", "Uniform deposit of 200 baht, refunded in full when you return the uniform."),
    ("th", "ค่ามัดจำตู้ล็อกเกอร์ 100 บาท ได้คืนเมื่อคืนกุญแจ"),
    ("km", "ប្រាក់កក់សោបន្ទប់ ៥០០០រៀល ប្រគល់ឱ្យវិញពេលចាកចេញ។"),
    ("km", "ប្រាក់កក់សោបន្ទប់ ៥០០០រៀល សងវិញពេលចាកចេញ។"),
    ("my", "အဆောင် သော့ စရံငွေ ကျပ် ၅၀၀၀ ကို ထွက်သည့်နေ့ ပြန်အမ်းမည်။"),
    ("lo", "ເງິນມັດຈຳຫ້ອງ 200,000 ກີບ ໄດ້ຄືນເມື່ອຍ້າຍອອກ."),
    ("en", "The employer pays the visa, medical check, flights and the agency's fee, so workers pay nothing."),
    ("my", "ဗီဇာ၊ ဆေးစစ်ခနှင့် ဝန်ဆောင်ခ အကုန်လုံးကို ကုမ္ပဏီက ကျခံသည်၊ ဘာမျှ မပေးရပါ။"),
    ("en", "You may ask for an advance of wages already earned, interest free, taken from the next pay."),
    ("th", "เบิกค่าแรงที่ทำไปแล้วล่วงหน้าได้ หักคืนงวดถัดไป ไม่มีดอกเบี้ย"),
    ("vi", "Có thể ứng trước tiền công đã làm, trừ vào kỳ lương sau, không tính lãi."),
    ("en", "Reply to hotel guests on WhatsApp and e-mail; apply at reception."),
    ("km", "ឆ្លើយតបសារអតិថិជនតាម telegram របស់ហាង។"),
    ("my", "ဖောက်သည် မေးခွန်းများကို viber မှ ဖြေရမည်။"),
    ("vi", "Trả lời khách hàng qua Zalo OA của công ty."),
    ("lo", "ຕອບລູກຄ້າທາງ WhatsApp ຂອງຮ້ານ."),
    ("th", "สมัครที่สำนักงานบริษัทเท่านั้น สอบถามเรื่องรถรับส่งทักไลน์ได้"),
    ("en", "Loan officer for a microfinance branch: explain loan products and follow up clients' repayments."),
    ("km", "មន្ត្រីឥណទាន៖ ណែនាំប្រាក់កម្ចីដល់អតិថិជន និងតាមដានការសងបំណុល។"),
    ("lo", "ຮັບຊ່າງຕັດຫຍິບ ເງິນເດືອນ 3,000,000 ກີບ."),
    ("km", "លិខិតឆ្លងដែនដើម អ្នករក្សាទុកខ្លួនឯង ក្រុមហ៊ុនថតចម្លងតែប៉ុណ្ណោះ។"),
    ("th", "ทำงานวันหยุดนักขัตฤกษ์ได้ค่าแรงเป็นสองเท่า"),
    # Batch bg's kinds, in new words. Work costs advanced and settled with receipts (a field officer's travel):
    # the employer's money spent for the employer, not a debt.
    ("en", "The office gives a cash advance for site-visit travel costs, settled against receipts each Friday."),
    ("vi", "Chi phí đi công tác được tạm ứng trước, hoàn ứng theo hóa đơn khi về."),
    ("km", "ថ្លៃប្រេងសាំងចុះពិនិត្យការដ្ឋាន ក្រុមហ៊ុនខ្ចីឱ្យមុន ហើយទូទាត់វិញតាមវិក្កយបត្រ។"),
    ("lo", "ຄ່າເດີນທາງໄປຢ້ຽມລູກຄ້າ ບໍລິສັດເບີກລ່ວງໜ້າໃຫ້ ແລ້ວເຄຼຍດ້ວຍໃບຮັບເງິນ."),
    ("my", "ဆိုက်သွား ခရီးစရိတ်ကို ကုမ္ပဏီက ကြိုပေးပြီး ဘောက်ချာဖြင့် စာရင်းရှင်းရမည်။"),
    ("th", "ค่าเดินทางไปพบลูกค้า บริษัทสำรองจ่ายให้ก่อน แล้วเคลียร์ด้วยใบเสร็จทุกสิ้นเดือน"),
    # An advance of the salary itself, drawn mid-month or taken back from the next pay.
    ("en", "Cooks can ask for a pay advance of up to a quarter of their salary, taken from the following payday."),
    ("th", "พนักงานเบิกค่าแรงล่วงหน้าได้ครึ่งหนึ่ง หักคืนในเดือนถัดไป ไม่คิดดอกเบี้ย"),
    ("km", "បុគ្គលិកអាចខ្ចីប្រាក់ខែមុនបាន ២០% ហើយកាត់វិញនៅខែបន្ទាប់។"),
    ("vi", "Nhân viên được ứng lương tối đa 2 triệu, trừ vào kỳ lương sau, không tính lãi."),
    ("lo", "ພະນັກງານເບີກເງິນເດືອນລ່ວງໜ້າໄດ້ 30% ຫັກຄືນເດືອນຕໍ່ໄປ ບໍ່ມີດອກເບ້ຍ."),
    # Negations the rules did not read: 'none of this' after a list, a 'nothing' after the verb, and a
    # 'no A, B or C' list in the languages whose spaces end a negation's reach.
    ("en", "The farm covers visa, flights and medicals; none of it is taken from your wages."),
    ("en", "Your ticket home is on the employer and you owe nothing."),
    ("lo", "ບໍ່ເກັບຄ່າສະໝັກ ຄ່າເອກະສານ ຫຼື ເງິນມັດຈຳ."),
    ("th", "ไม่มีค่าสมัคร ค่าหัวคิว หรือเงินมัดจำ"),
    ("km", "គ្មានថ្លៃសេវា ថ្លៃឯកសារ ឬប្រាក់កក់។"),
    # The employer named as paying before a list (Vietnamese), or after it with 'in full' (Burmese).
    ("vi", "Nhà máy chi trả phí môi giới, vé máy bay, khám sức khỏe và visa cho người lao động."),
    ("my", "ပွဲခ၊ ဗီဇာ နှင့် လေယာဉ်လက်မှတ်ကို ဂျပန် ကုမ္ပဏီက အပြည့်အဝ ကျခံသည်။"),
    # Equipment given free and handed back on leaving is not a repayment (Lao ສົ່ງຄືນ also means 'send back').
    ("lo", "ບໍລິສັດໃຫ້ເສື້ອກັນໜາວ ແລະ ເກີບນິລະໄພຟຣີ ສົ່ງຄືນເມື່ອລາອອກ."),
    # Talks about fraud are a teaching frame (Vietnamese).
    ("vi", "Nhiệm vụ: tập huấn cho thanh niên về chiêu lừa đảo \"việc nhẹ lương cao\"."),
    ("vi", "Nhân viên tín dụng: giới thiệu gói vay cho khách hàng và nhắc lịch trả nợ."),
    # Batch bh's kinds of honest wording, in new words: a deposit "paid back" (also after a number written with a
    # dot, or by "this sum" after a semicolon), impersonators who ask for the fees, a warning about fees, "this is
    # not a like-and-earn job", a denied "no A, B or C" list, sales commission (Lao ຄ່ານາຍໜ້າ), the employer paying
    # any kind of fee, a copy kept, the worker's share of social security, a denial right after the first concept
    # ("you repay nothing,"), a dot inside an e-mail address, the EPS escrow at the Social Policy Bank.
    ("en", "Locker deposit 200 baht, paid back in full with your last pay when you hand in the key."),
    ("th", "ค่ามัดจำกุญแจห้อง 1.000 บาท ได้คืนเต็มจำนวนเมื่อย้ายออก"),
    ("lo", "ເງິນມັດຈຳບັດເຂົ້າອອກ 100.000 ກີບ ຈະໄດ້ຄືນເຕັມຈຳນວນເມື່ອລາອອກ."),
    ("vi", "Đặt cọc 200.000 đ tiền chìa khóa tủ; khoản này được hoàn lại khi nghỉ việc."),
    ("en", "Warning: people impersonating our company on Facebook ask for a 'placement fee'; we never charge one."),
    ("th", "มีมิจฉาชีพแอบอ้างชื่อโรงงานเรียกเก็บค่าสมัครงาน โรงงานไม่เก็บเงินผู้สมัคร"),
    ("vi", "Có đối tượng giả mạo nhà máy trên Zalo thu 'phí giữ chỗ', nhà máy không thu phí."),
    ("lo", "ມີຄົນແອບອ້າງຊື່ໂຮງງານ ເກັບຄ່າສະໝັກ, ໂຮງງານບໍ່ເກັບເງິນໃດໆ."),
    ("km", "មានជនក្លែងបន្លំឈ្មោះក្រុមហ៊ុនទារប្រាក់កក់ពីបេក្ខជន។"),
    ("my", "ကုမ္ပဏီအမည်ကို အလွဲသုံး၍ ပွဲခ တောင်းသူများ ရှိသည်၊ ကျွန်ုပ်တို့ ငွေ မကောက်ပါ။"),
    ("en", "All job ads in our name on Telegram are fake; apply at the gate."),
    ("lo", "ແຈ້ງເຕືອນກ່ຽວກັບຄ່າສະໝັກ: ໂຮງແຮມບໍ່ເກັບຄ່າສະໝັກ."),
    ("th", "แจ้งเตือนเรื่องค่าสมัครงาน บริษัทไม่มีการเก็บเงิน"),
    ("th", "งานแอดมินจริง ไม่ใช่งานกดไลก์ ดูคลิป หรือทำภารกิจรับค่าคอม"),
    ("lo", "ນີ້ບໍ່ແມ່ນວຽກກົດໄລ ເບິ່ງຄລິບ ຫຼື ເຮັດພາລະກິດ."),
    ("km", "នេះមិនមែនការងារមើលវីដេអូ ឬចុចឡាយយកកម្រៃជើងសារទេ។"),
    ("vi", "Chúng tôi không tuyển 'việc nhẹ lương cao' ở nước ngoài."),
    ("vi", "Công ty không yêu cầu đặt cọc, mua hàng hay đóng phí giữ chỗ."),
    ("lo", "Salary 2.800.000 ກີບ + ຄ່ານາຍໜ້າການຂາຍ 2%."),
    ("lo", "ເງິນເດືອນ 2.800.000 ກີບ + ຄ່ານາຍໜ້າ 3%."),
    ("th", "พนักงานขาย เงินเดือน 12,000 บาท + ค่านายหน้าจากการขาย"),
    ("en", "The employer pays all registration and application costs for migrant workers."),
    ("en", "The hotel keeps only a photocopy; the copy is kept in your HR file and the original stays with you."),
    ("th", "ลูกจ้างถือพาสปอร์ตเอง บริษัทถ่ายสำเนาเก็บไว้เท่านั้น"),
    ("lo", "ລູກຈ້າງຖືໜັງສືຜ່ານແດນເອງ ບໍລິສັດຖ່າຍສຳເນົາເກັບໄວ້."),
    ("km", "កម្មករកាន់លិខិតឆ្លងដែនខ្លួនឯង ក្រុមហ៊ុនថតច្បាប់ចម្លងទុក។"),
    ("vi", "Người lao động tự giữ hộ chiếu, công ty chỉ lưu bản sao."),
    ("vi", "Phần người lao động đóng bảo hiểm (10,5%) được trừ vào lương."),
    ("en", "The employee's share of 5% goes to social security and is deducted from the salary."),
    ("my", "လူမှုဖူလုံရေး ထည့်ဝင်ကြေး ၅% ကို လစာမှ ဖြတ်သည်။"),
    ("lo", "ສ່ວນຂອງພະນັກງານ 5,5% ຫັກຈາກເງິນເດືອນ ເຂົ້າປະກັນສັງຄົມ."),
    ("en", "The hotel pays your visa and flight, and you repay nothing, your passport stays with you."),
    ("en", "Send your CV to jobs@hotel.com.kh; our Viber group is for staff shift schedules only."),
    ("my", "ဝန်ထမ်းဖြစ်ပြီးနောက် ဆိုင်းအချိန်ဇယားကို Viber ဖြင့် ပို့မည်၊ လျှောက်လွှာကို hr@abc.com.mm သို့ ပို့ပါ။"),
    ("vi", "Ký quỹ theo chương trình EPS tại Ngân hàng Chính sách xã hội; khoản ký quỹ được hoàn trả khi về nước "
           "đúng hạn."),
]


@pytest.mark.parametrize("language,text", FALSE_ALARMS, ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(FALSE_ALARMS)])
def test_honest_wordings_that_were_held_now_publish(language, text):
    assert _found(text) == set(), text


MISSES = [
    # a synonym
    ("en", "Training fee 30,000 baht before departure to Japan.", "recruitment_fee"),
    ("th", "ค่าอบรมก่อนบินไปเกาหลี 40,000 บาท", "recruitment_fee"),
    ("th", "เงินค้ำประกัน 5,000 บาท จ่ายวันเริ่มงาน", "recruitment_fee"),
    ("my", "ပွဲစားခ ဘတ် ၈,၀၀၀ ပေးရမည်။", "recruitment_fee"),
    ("my", "အာမခံငွေ ဘတ် ၃,၀၀၀ ပေးရမည်။", "recruitment_fee"),
    ("vi", "Phí đào tạo 25 triệu trước khi xuất cảnh.", "recruitment_fee"),
    ("vi", "Công ty giữ CCCD của người lao động.", "documents_kept"),
    # another word order: the document after the verb, words between
    ("en", "On arrival, hand the passport to the company office.", "documents_kept"),
    ("en", "The employer will keep the ID card and passport for safety.", "documents_kept"),
    ("th", "พาสปอร์ตของทุกคนบริษัทจะเป็นผู้เก็บไว้", "documents_kept"),
    ("my", "အလုပ်ရှင်က မှတ်ပုံတင်နှင့် ပတ်စပို့ကို လုံခြုံရေးအတွက် သိမ်းထားပါမည်။", "documents_kept"),
    # one word inside a phrase
    ("en", "The ticket is deducted back from salary over six months.", "debt"),
    ("my", "ခရီးစရိတ်ကို လစာမှ ပြန်ဖြတ်မည်။", "debt"),
    # advances and loans as debt
    ("th", "เบิกก่อนค่าเดินทาง 3,000 บาท หักคืนจากเงินเดือน", "debt"),
    ("en", "We lend you the money for the flight.", "debt"),
    ("vi", "Công ty cho vay tiền vé máy bay.", "debt"),
    # compensation for breaking a contract, pay every few months
    ("en", "Breaking the contract means paying compensation of 50,000 baht.", "resignation_penalty"),
    ("vi", "Nghỉ việc trước hạn phải bồi thường hợp đồng.", "resignation_penalty"),
    ("en", "Wages are paid every three months.", "wages_withheld"),
    ("vi", "Lương trả 3 tháng một lần.", "wages_withheld"),
    ("vi", "Không được ra ngoài khu nhà ở.", "restricted_movement"),
    ("vi", "Ở cùng chủ, không có ngày nghỉ.", "isolation"),
    # "yourself" says who keeps a document, not that a fee is not paid
    ("en", "Training fee 20,000 baht at your own expense before departure to Korea.", "recruitment_fee"),
    ("th", "ค่าอบรมก่อนบินไปญี่ปุ่น ผู้สมัครต้องจ่ายเอง", "recruitment_fee"),
    ("my", "သင်တန်းခ ကျပ် ၂၅ သိန်းကို ကိုယ်တိုင်ပေးရမည်။", "recruitment_fee"),
    ("vi", "Người lao động tự trả phí đào tạo trước khi xuất cảnh.", "recruitment_fee"),
    # contact off the platform, task scams (the task and its pay in different sentences)
    ("en", "Salary details only by DM.", "off_platform"),
    ("th", "สนใจแอดไลน์ @abc123 ค่ะ", "off_platform"),
    ("en", "Like and share posts, 3,000 a day.", "task_scam"),
    ("th", "งานกดไลค์ กดแชร์ วันละ 3,000", "task_scam"),
    ("en", "Rate hotels and like posts for our clients. Each completed task pays commission.", "task_scam"),
    # near relatives in the other languages: pay every few months in the other word order, not allowed outside a
    # place, details "by private message" with words between, like and share
    ("km", "ប្រាក់ខែបើកម្តងរៀងរាល់ ៣ ខែ", "wages_withheld"),
    ("lo", "ເງິນເດືອນຈ່າຍທຸກໆ 3 ເດືອນ", "wages_withheld"),
    ("en", "Workers are not allowed outside the dormitory.", "restricted_movement"),
    ("my", "အဆောင်ပြင်ကို ထွက်ခွင့်မရှိ။", "restricted_movement"),
    ("vi", "Chi tiết lương inbox riêng.", "off_platform"),
    ("km", "ព័ត៌មានលម្អិតសូម inbox", "off_platform"),
    ("vi", "Like và share bài viết, 500 nghìn một ngày.", "task_scam"),
    # blind batch ba-*: documents "looked after", "handled by" or "staying with" someone, and words between
    ("en", "For your safety the HR office looks after your passport.", "documents_kept"),
    ("en", "Passports are handled by the office for the whole stay.", "documents_kept"),
    ("en", "Your ID card stays with the supervisor during the contract.", "documents_kept"),
    ("en", "Passport not needed to apply – the company keeps your travel documents.", "documents_kept"),
    ("th", "ระหว่างนี้บัตรฝากไว้ที่หัวหน้าก่อน", "documents_kept"),
    ("my", "ပတ်စ်ပို့ နှင့် ပါမစ် ကို ပွဲစား ရုံးမှာ ထားပေးရမည်။", "documents_kept"),
    ("my", "ပတ်စ်ပို့ ကို ကုမ္ပဏီ HR က စိတ်ချရအောင် စာချုပ်ကာလ တစ်လျှောက်လုံး သိမ်းဆည်းထားမည်။", "documents_kept"),
    # fees under other names: joining, onboarding, processing, starter kit, file opening, uniform, total cost
    ("en", "New staff pay a joining fee of 15,000 THB.", "recruitment_fee"),
    ("en", "New staff make a one-time onboarding contribution of 18,000 THB.", "recruitment_fee"),
    ("en", "Paid by the worker before flying, the processing amount of 150,000 THB.", "recruitment_fee"),
    ("en", "Candidates settle a starter kit of 3,900 THB on the first day.", "recruitment_fee"),
    ("en", "You only pay the operation fee of 150,000 THB.", "recruitment_fee"),
    ("en", "Recruitment fee 5,000 baht, ticket paid by the employer.", "recruitment_fee"),
    ("th", "ค่าเปิดแฟ้ม 35,000 บาท ชำระก่อนยื่นวีซ่า", "recruitment_fee"),
    ("th", "ค่าสมัครและค่าชุด 3,500 บาท จ่ายวันแรกที่เข้างาน", "recruitment_fee"),
    ("my", "တစ်ဦးလျှင် ကျပ် ၁၀ သိန်း ကြိုတင်ပေးရမည်။", "recruitment_fee"),
    ("my", "စုစုပေါင်း ကုန်ကျစရိတ် ကျပ် ၉၅၀,၀၀၀ ဖြစ်သည်။", "recruitment_fee"),
    ("my", "သင်တန်းစရိတ် ကျပ် ၃ သိန်း ကို လစာထဲမှ ဖြတ်ယူမည်။", "recruitment_fee"),
    ("my", "ပွဲခ ကျပ် ၅ သိန်း၊ ခရီးစရိတ် အားလုံး အလုပ်ရှင်က ပေးသည်။", "recruitment_fee"),
    # leaving before the contract ends
    ("en", "Staff who stop before the contract ends must reimburse the ticket.", "resignation_penalty"),
    ("th", "กรณีลาออกก่อนกำหนดถือว่าสละสิทธิ์เงินส่วนนี้ทั้งหมด", "resignation_penalty"),
    ("my", "၆ လ မပြည့်မီ ထွက်လျှင် ကျန်ငွေ ပေးရမည်။", "resignation_penalty"),
    # pay kept until the end: a lump sum, saved by the employer, at the end of a trip, as a guarantee
    ("en", "Salary is collected by the farm and handed over in one lump sum.", "wages_withheld"),
    ("en", "Wages are retained by the company as a guarantee.", "wages_withheld"),
    ("en", "Salary is given when you go back home.", "wages_withheld"),
    ("en", "Settlement of wages is done at the end of each trip.", "wages_withheld"),
    ("th", "ข้าวสารให้ฟรี ค่าแรงนายจ้างจะสะสมไว้ให้ จ่ายตอนปิดหีบ", "wages_withheld"),
    ("th", "บริษัทจะหักเงินประกันการทำงานเดือนละ 1,000 บาท", "wages_withheld"),
    ("my", "လုပ်ခကို တစ်ခေါက် ပြီးမှ ပေးမည်။", "wages_withheld"),
    ("my", "လစာကို အိမ်ရှင်က စုထားပေးမည်။", "wages_withheld"),
    # going out only with someone or with permission, phones put away, no changing employer
    ("en", "The maid goes out together with the family only.", "restricted_movement"),
    ("en", "Team leaders accompany staff on trips to town.", "restricted_movement"),
    ("en", "Changing boats only after the balance is cleared.", "restricted_movement"),
    ("en", "Staff stay on the premises.", "restricted_movement"),
    ("th", "งดใช้โทรศัพท์ส่วนตัวช่วง 6 เดือนแรก", "restricted_movement"),
    ("th", "ออกนอกบ้านไปพร้อมเจ้าของบ้าน", "restricted_movement"),
    ("th", "การออกนอกพื้นที่ต้องขออนุญาตหัวหน้าล่วงหน้า", "restricted_movement"),
    ("my", "အပြင်ထွက်လျှင် အိမ်ရှင်နှင့် အတူသာ။", "restricted_movement"),
    ("my", "အခြား လှေ သို့ ပြောင်း၍ မရပါ။", "restricted_movement"),
    ("my", "အပြင်ထွက်လိုလျှင် ခေါင်းဆောင်၏ ခွင့်ပြုချက် လိုသည်။", "restricted_movement"),
    ("my", "ဖုန်းကို အိမ်ရှင်က ထိန်းထားမည်။", "restricted_movement"),
    # contact in private, ordering for shops, high pay for no experience, the crossing arranged
    ("th", "ใครสนใจทักส่วนตัว", "off_platform"),
    ("th", "งานออนไลน์ แอดไลน์ @abc123", "off_platform"),  # "online" ends in ไลน์; the LINE id after it still counts
    ("th", "ช่วยร้านดันยอดขาย สั่งซื้อสินค้าแทนร้าน ได้คอม 10%", "task_scam"),
    ("my", "အွန်လိုင်း ဆိုင်များ အတွက် ပစ္စည်း အော်ဒါ တင်ပေးပါ၊ ကော်မရှင် ရမည်။", "task_scam"),
    ("en", "No experience needed, salary 35,000-50,000 THB.", "vague_promise"),
    ("th", "ไม่ต้องมีประสบการณ์ เงินเดือน 35,000-50,000 บาท", "vague_promise"),
    ("en", "Typist in Cambodia, 1,000 USD. Pick-up from the border arranged. Message for details.", "scam_compound"),
    ("en", "Page admins in the Golden Triangle. No passport needed, we take you across by boat.", "scam_compound"),
    ("en", "Digital marketing in northern Shan, 5,000 yuan, travel covered by the company. No prior experience "
           "necessary.", "scam_compound"),
    ("th", "รับพนักงานคีย์ข้อมูล ออฟฟิศอยู่ฝั่งตรงข้ามแม่สอด มีคนพาข้ามไปส่ง ไม่ต้องทำพาสปอร์ต", "scam_compound"),
    # blind batch bb-*: Thai look-alike letters inside Lao words, zero-width spaces, pay kept "on your behalf"
    ("lo", "ເມື່ອໄປຮອດ ໜັງสືຜ່າนແດน ຈະຝາกໄว້ກັບສຳນັກງານບໍລິສັດ.", "documents_kept"),
    ("lo", "ເງິນ\u200bເດືອນ ຈະ\u200bຈ່າຍ\u200bລວມ ເທື່ອ\u200bດຽວ ຕອນທ້າຍ\u200bສັນຍາ.", "wages_withheld"),
    ("vi", "2 tháng lương đầu tiên sẽ được nhà hàng giữ hộ làm tiền bảo lãnh.", "wages_withheld"),
    ("vi", "Tiền công nhận trọn một lần khi tàu về bến.", "wages_withheld"),
    ("km", "ប្រាក់ខែ 4 ខែដំបូង ក្រុមហ៊ុននឹងសន្សំទុកជូន។", "wages_withheld"),
    # forfeiting what was kept when leaving; paying back costs when going home early
    ("vi", "Nghỉ ngang không báo trước thì không nhận lại khoản này.", "resignation_penalty"),
    ("vi", "Nếu chấm dứt trước thời hạn phải bồi thường chi phí tuyển dụng.", "resignation_penalty"),
    ("km", "អ្នកដែលសុំត្រឡប់ទៅផ្ទះវិញមុនពេលចេញដំណើរ ត្រូវទូទាត់ថ្លៃស្នាក់នៅ។", "resignation_penalty"),
    ("lo", "ຖ້າລາອອກກ່ອນ ຖືວ່າສະລະເງິນຄ້ຳປະກັນ.", "resignation_penalty"),
    ("lo", "ຖ້າຍົກເລີກກ່ອນກຳນົດ ຕ້ອງຈ່າຍຄ່າຊົດເຊີຍ 20,000 ບາດ.", "resignation_penalty"),
    # costs charged back later, a tab kept by the employer
    ("lo", "ເຈົ້າຂອງຮ້ານອອກຄ່າແຕ່ງໜ້າໃຫ້ກ່ອນ ທັງໝົດນີ້ຈະຄິດໄລ່ຄືນພາຍຫຼັງ.", "debt"),
    ("vi", "Chủ lo gạo, thực phẩm, tính vào sổ và cấn trừ lúc quyết toán.", "debt"),
    # fees: a package fee, an account activation, a registration
    ("vi", "Phí hồ sơ trọn gói 15 triệu, đóng trước khi vào khu đào tạo.", "recruitment_fee"),
    ("vi", "Trước khi nhận việc cần kích hoạt tài khoản làm việc 350.000đ.", "recruitment_fee"),
    ("lo", "ກ່ອນຮັບວຽກ ຈ່າຍຄ່າລົງທະບຽນບັນຊີ 250,000 ກີບ.", "recruitment_fee"),
    ("lo", "ຄ່າພາໄປ ແລະ ຄ່າປະສານ 4,000 ບາດ ຈ່າຍກ່ອນ.", "recruitment_fee"),
    # no need to go anywhere, a guard; family contact rationed
    ("lo", "ພັກຢູ່ຊັ້ນເທິງຂອງຮ້ານ ບໍ່ຕ້ອງອອກໄປໃສ ມີຄົນເຝົ້າ.", "restricted_movement"),
    ("vi", "Điện thoại của chị gia đình cất giữ, mỗi tháng được gọi về quê 1 lần.", "isolation"),
    ("th", "ถ้าจะติดต่อทางบ้านให้แจ้งนายจ้าง", "isolation"),
    ("km", "ការជួបក្រុមគ្រួសារ និងការប្រើទូរស័ព្ទ ធ្វើតាមកាលវិភាគរបស់មជ្ឈមណ្ឌល។", "isolation"),
    # the lure: border gates, pick-up at the border, living inside the compound, contract signed on arrival,
    # several bank accounts, tickets booked
    ("vi", "Công ty bên kia cửa khẩu Xa Mát, chỉ cần biết dùng máy tính, lương 25 triệu, chỉ cần mang theo căn cước.",
     "scam_compound"),
    ("km", "ក្រុមហ៊ុនហ្គេមអនឡាញនៅជាប់ព្រំដែន។ សូមបើកគណនីធនាគារថ្មី 2-3 គណនី។ មានឡានទទួលនៅស្ពានមិត្តភាព។",
     "scam_compound"),
    ("en", "Telesales role in Cambodia, 1,500 USD. Staff stay on the premises.", "scam_compound"),
    ("vi", "Văn phòng tại Sihanoukville cần nhân viên đánh máy. Nhân viên sinh hoạt trong khu nội bộ.",
     "scam_compound"),
    ("lo", "ບໍລິສັດໃນເຂດເສດຖະກິດພິເສດ ຮັບພະນັກງານໂທຫາລູກຄ້າ. ສັນຍາຈ້າງງານ ຈະເຊັນເມື່ອໄປຮອດ.", "scam_compound"),
    ("km", "ការងារហ្គេមអនឡាញ។ កិច្ចសន្យា នឹងចុះហត្ថលេខាពេលមកដល់អគារ។ រថយន្តទទួលពីព្រំដែន។", "scam_compound"),
    ("th", "งานแชท ประจำกัมพูชา เงินเดือน 35,000-50,000 บาท บินฟรี", "vague_promise"),
    # Burmese: the narrowed rules still hold what they must.
    ("my", "ခရီးစရိတ် ကို ကြိုတင်ထုတ်ပေးပြီး လစာမှ ဖြတ်မည်။", "debt"),
    ("my", "အာမခံငွေ ဘတ် ၅,၀၀၀ ပေးရမည်။", "recruitment_fee"),
    ("my", "လစာ ကို ၃ လ ပြည့်မှ ပေးမည်။", "wages_withheld"),
    ("my", "အဆောင်အပြင်သို့ မထွက်ရ။ ဖုန်း သုံးခွင့်မရှိ။", "restricted_movement"),
    ("my", "ပွဲခ မပေးလျှင် အလုပ် မရပါ။ ပွဲခ ဘတ် ၁၅,၀၀၀။", "recruitment_fee"),
    ("my", "စာချုပ်မပြည့်မီ အလုပ်ထွက်လျှင် ဒဏ်ငွေ ဘတ် ၂၀,၀၀၀ ပေးရမည်။", "resignation_penalty"),
    # Lao (tx-lo-*, bb-lo-*): vague promises, going out only with permission, tasks paid per task, company-store
    # goods and advances repaid by instalments, the lure with a pick-up across the river.
    ("lo", "ລາຍໄດ້ດີກວ່າຢູ່ບ້ານຫຼາຍເທົ່າ.", "vague_promise"),
    ("lo", "ເງິນເດືອນ 12 ລ້ານກີບ ບໍ່ຕ້ອງມີວຸດທິ.", "vague_promise"),
    ("lo", "ການອອກນອກບ້ານຕ້ອງໄດ້ຮັບອະນຸຍາດຈາກນາຍຈ້າງ.", "restricted_movement"),
    ("lo", "ອອກນອກແຄ້ມບໍ່ໄດ້ ຖ້າບໍ່ມີຫົວໜ້າໄປນຳ.", "restricted_movement"),
    ("lo", "ກົດໃຫ້ 5 ດາວ ສິນຄ້າໃນແອັບ ຄັ້ງລະ 5,000 ກີບ.", "task_scam"),
    ("lo", "ເບິ່ງຄລິບ ແລະ ກົດຕິດຕາມ ຄລິບລະ 2,000 ກີບ.", "task_scam"),
    ("lo", "ເຂົ້າ ແລະ ເຄື່ອງໃຊ້ ເອົາຈາກຮ້ານຂອງສວນ ແລ້ວຫັກອອກຕອນສະສາງບັນຊີ.", "debt"),
    ("lo", "ບໍລິສັດອອກຄ່າປີ້ຍົນໃຫ້ກ່ອນ ຈາກນັ້ນຜ່ອນຈາກເງິນເດືອນທຸກເດືອນ.", "debt"),
    ("lo", "ບໍລິສັດຢູ່ທ່າຂີ້ເຫຼັກ ຮັບພະນັກງານພິມ ມີລົດຮັບ ຂ້າມແມ່ນ້ຳໄປ ບໍ່ຕ້ອງມີພາສປອດ.", "scam_compound"),
    # Blind batch bc-* (en, lo, my), by category.
    ("en", "Pay 9,000 baht per month, accumulated by the captain and settled when you return to port.",
     "wages_withheld"),
    ("en", "The vessel stays at sea for long periods and satellite calls are for emergencies only.", "isolation"),
    ("en", "Travel, room and make-up are pre-financed by the boss and settled from your first earnings.", "debt"),
    ("en", "Free trip to Kengtung! Work a few hours in a cafe, 18-25. Send me a DM on TikTok.", "off_platform"),
    ("en", "Data entry, ages 20-35. P a s s p o r t  n o t  n e e d e d: our driver brings you from Mae Sot by road. "
           "Visa on arrival is enough.", "scam_compound"),
    ("en", "Staff live inside the hotel complex and go out only with the company car.", "restricted_movement"),
    ("lo", "ອອກຈາກສວນ: ບໍ່ໄດ້ ຈົນກວ່າຈະຄົບລະດູ.", "restricted_movement"),
    ("my",
     "ဘန်ကောက်မှ ကားဖြင့် ကုမ္ပဏီသို့ ကြိုပို့ပေးမည်။ စာရိုက် ဝန်ထမ်း။ အသက် ၁၈ မှ ၃၀။ Telegram @example_hr သို့သာ "
           "ဆက်သွယ်ပါ။", "scam_compound"),
    ("en", "Our office team overseas. Ticket is on us. Mostly chatting with clients, we teach everything. "
           "Take home 50k+ baht monthly. Only 18-30. Message me and I will explain.", "scam_compound"),
    ("en", "Customer relations in Shan State. Daily rate 900 yuan. Border crossing handled by our team. "
           "No experience required.", "scam_compound"),
    ("lo", "ປີ້ຍົນ ແລະ ວີຊາ ພວກເຮົາຈັດການໃຫ້ໝົດ. ລົມກັບລູກຄ້າ. ອາຍຸ 18-30 ປີ. ທັກມາຫາຂ້ອຍສ່ວນຕົວ.", "scam_compound"),
    ("lo", "ຄ່າຈອງບ່ອນ 10,000,000 ກີບ ຈ່າຍກ່ອນ 50%.", "recruitment_fee"),
    ("lo", "ແຕ່ລະຊຸດມີ 40 ອໍເດີ ກົດຢືນຢັນໃນແອັບ ໄດ້ 1% ຕໍ່ອໍເດີ.", "task_scam"),
    ("lo", "ພະນັກງານພັກຢູ່ພາຍໃນບໍລິເວນ ອອກນອກໄດ້ພ້ອມລົດບໍລິສັດເທົ່ານັ້ນ.", "restricted_movement"),
    ("lo", "ເງິນທັງໝົດໄຕ້ກົ໋ງເກັບໄວ້ໃຫ້ ຈ່າຍເທື່ອດຽວຕອນເຮືອເຂົ້າຝັ່ງ.", "wages_withheld"),
    ("lo", "ໂທຫາບ້ານໄດ້ສະເພາະເຫດສຸກເສີນ.", "isolation"),
    ("lo", "ເງິນເດືອນ: 1,500 ໂດລາ. ປະເທດ: ບອກຕອນສຳພາດ.", "vague_promise"),
    ("my", "လေယာဉ်လက်မှတ်၊ ဗီဇာ အားလုံး ကျွန်တော်တို့ တာဝန်ယူပါတယ်။ ဖောက်သည်တွေနဲ့ စကားပြောရုံပါ။ "
           "အသက် ၁၈–၃၀ သာ။ Messenger က စာပို့ပါ။", "scam_compound"),
    ("my", "လျှောက်ထားသူများ နေရာ​ချိတ်​ကြေး ဘတ် ၁၅,၀၀၀ ပေးရမည်။", "recruitment_fee"),
    ("my", "ဝန်ထမ်းများ ဟိုတယ်ဝင်းအတွင်း နေရမည်၊ ကုမ္ပဏီကားဖြင့်သာ အပြင်ထွက်ရမည်။", "restricted_movement"),
    # The phone given back for one evening a week, a maid who "doesn't need to go out", no knowledge needed.
    ("en", "Madam keeps your phone during the week; you may use it on Sunday evening.", "isolation"),
    ("en", "We prefer someone who doesn't need to go out, we buy everything for you.", "restricted_movement"),
    ("lo", "ໂທລະສັບມືຖືນາຍຈ້າງຈະເກັບຮັກສາໄວ້ ໃຊ້ໄດ້ວັນອາທິດຕອນແລງ.", "isolation"),
    ("lo", "ບໍ່ຈຳເປັນຕ້ອງອອກໄປໃສ ນາຍຈ້າງຊື້ທຸກຢ່າງໃຫ້.", "restricted_movement"),
    ("lo", "ວຽກງ່າຍ ບໍ່ຕ້ອງມີຄວາມຮູ້ ໄດ້ເດືອນລະ 20 ລ້ານກີບ.", "vague_promise"),
    # Letters spaced out inside a sentence, after a single-letter word ("a d e p o s i t") or only two ("I D card").
    ("en", "Before starting you pay a d e p o s i t 3,000 THB.", "recruitment_fee"),
    ("en", "Your I D card stays with the supervisor during the contract.", "documents_kept"),
    ("en", "Your I.D. card stays with the supervisor during the contract.", "documents_kept"),
    # The lure that names no place: travel arranged plus three of its other signs.
    ("en", "Digital sales, chatting with overseas clients. We book your air ticket to Bangkok; our driver meets you at "
           "the airport and takes you to the company campus. Tourist visa is fine to start, we convert later.",
     "scam_compound"),
    ("en", "Join our team overseas! Flight paid by the company. Age 18-30, no experience needed, salary $2,000. "
           "Telegram @team_abroad", "scam_compound"),
    # blind batch bd-*: what the new exceptions must not let through: a deposit returned only on a condition, a
    # Telegram that is not a company group, the employer paying one cost while the worker pays another.
    ("en", "Uniform deposit 2,000 baht, returned only if you finish 6 months.", "recruitment_fee"),
    ("vi", "Tiền cọc hoàn lại khi nghỉ việc nếu đủ 6 tháng.", "recruitment_fee"),
    ("en", "Salary details by Telegram @fastjobs88 only.", "off_platform"),
    ("th", "นายจ้างออกค่าวีซ่าให้ แต่ลูกจ้างต้องจ่ายค่าหัวคิว 15,000 บาท", "recruitment_fee"),
    # blind batch bd-*, by category. Contact moved to a private inbox; no phone of one's own; papers that "stay with
    # the skipper" / that the employer "keeps for you" (ຮັກສາໄວ້); an advance "taken back from" the share; wages
    # paid every quarter or when the boat returns; leaving early "ยุติสัญญา" repaid; going out only with a minder
    # (my, vi, km: ឲ្យ as well as ឱ្យ); a personal phone kept at the office (km ទូរសព្ទ); a position "held" for a
    # fee (vi); pay "many times higher than at home" and "meet a life partner" (km); the lure with a pick-up across
    # the river (my) or an airport pick-up, visa on arrival, company-supplied chat accounts and a trading platform.
    ("en", "Comment 'interested' and inbox me, I will send details privately.", "off_platform"),
    ("en", "For the household's privacy you will not need a personal phone; family can call you on the employer's "
           "phone on Sundays.", "isolation"),
    ("en", "Your passport and seabook stay with the skipper during the trip.", "documents_kept"),
    ("en", "Cash advance of 10,000 THB before departure, taken back from your share of the catch.", "debt"),
    ("en", "The balance of wages is paid out every quarter to help you save.", "wages_withheld"),
    ("en", "Wages are settled when the boat returns to port.", "wages_withheld"),
    ("en", "Join a team in an integrated resort community. You chat with clients through messaging accounts supplied "
           "by the company and introduce them to our trading platform. We handle your airport pickup, "
           "visa-on-arrival and accommodation.", "scam_compound"),
    ("th", "กรณีพนักงานขอยุติสัญญาก่อนกำหนด ต้องชดใช้ค่าดำเนินการ ค่าเดินทาง และค่าฝึกอบรม", "resignation_penalty"),
    ("my", "ဝင်းပြင်ထွက်ခွင့်ကို လတစ်ကြိမ် တာဝန်ခံနှင့်အတူသာ ခွင့်ပြုပါသည်။", "restricted_movement"),
    ("my", "စာရိုက် ဝန်ထမ်း လိုနေပါတယ်။ လစာ ဒေါ်လာ ၈၀၀ ကနေ ၁၅၀၀ အထိ။ မြစ်ကူးပြီး တစ်ဖက်ကမ်းမှာ လာကြိုပေးပါမယ်။",
     "scam_compound"),
    ("my", "အသေးစိတ်ကို Тelеgram တွင်သာ ပြောပါမည်။", "off_platform"),
    ("vi", "Sau khi trúng tuyển, bạn chuyển khoản 600k giữ vị trí.", "recruitment_fee"),
    ("vi", "Theo nội quy, nhân viên ra ngoài theo lịch chung do công ty sắp xếp, có quản lý đi cùng.",
     "restricted_movement"),
    ("km", "អ្នកបម្រើការងារមិនអនុញ្ញាតឲ្យចេញក្រៅផ្ទះតែម្នាក់ឯងទេ ត្រូវមានម្ចាស់ផ្ទះទៅជាមួយ។", "restricted_movement"),
    ("km", "ទូរសព្ទផ្ទាល់ខ្លួនត្រូវរក្សាទុកនៅការិយាល័យ។", "restricted_movement"),
    ("km", "ប្រាក់ខែខ្ពស់ជាងនៅស្រុកច្រើនដង។ មានឱកាសស្គាល់ដៃគូជីវិតល្អ។", "vague_promise"),
    ("lo", "ບັດປະຈຳຕົວ ແລະ ໜັງສືຜ່ານແດນ ນາຍຈ້າງຈະເປັນຜູ້ຮັກສາໄວ້ໃຫ້ ເພື່ອບໍ່ໃຫ້ເສຍ.", "documents_kept"),
    # The lure's travel and places as batch bd words them: transfers "handled by our logistics team", a pick-up
    # that "can be arranged", a techno park with an on-site dormitory, near the border / ชายแดน / နယ်စပ် /
    # តំបន់ព្រំដែន, the company arranging the crossing (km).
    ("en", "Customer support staff. You will work from a modern techno park with on-site dormitory. Flights and land "
           "transfer from the arrival airport are handled by our logistics team. Message our HR on Telegram.",
     "scam_compound"),
    ("en", "Our partner casino resort near the border needs group admins for its online platform. Staff who end the "
           "contract early reimburse the company's onboarding and training investment (about 90,000 THB).",
     "scam_compound"),
    ("th", "รีสอร์ทคาสิโนแถวชายแดนรับพนักงานต้อนรับหญิง อายุ 18-28 เงินเดือน 20,000-35,000 มีคนพาไปส่งถึงที่",
     "scam_compound"),
    ("my", "နယ်စပ်အနီး ကာစီနို ကုမ္ပဏီတစ်ခုအတွက် Online Group Admin များ ခေါ်ပါသည်။ စာချုပ်မပြည့်မီ ထွက်ပါက "
           "ကုမ္ပဏီ ကုန်ကျစရိတ် လျော်ကြေး ဘတ် ၉၀,၀၀၀ ပေးဆောင်ရပါမည်။", "scam_compound"),
    ("km", "ក្រុមហ៊ុន Crypto ត្រូវការបុគ្គលិក Customer Service ប្រាក់ខែ $1200 ក្រុមហ៊ុនរៀបចំការឆ្លងដែន។ "
           "សូមផ្ញើសារតាម WhatsApp តែប៉ុណ្ណោះ។", "scam_compound"),
    # A phone handed in and family reached through the boss, in each language it was seen in; staying inside the
    # company area, going out only when the manager allows; no language test for work in Korea or Japan, no
    # passport needed.
    ("en", "During training you hand in your personal phone and contact your family through the team leader.",
     "isolation"),
    ("th", "ช่วงเทรน พนักงานฝากโทรศัพท์ส่วนตัวไว้ที่ฝ่ายบุคคล ญาติติดต่อผ่านหัวหน้าทีมได้", "isolation"),
    ("km", "គ្រួសារអាចទាក់ទងតាមរយៈប្រធានក្រុម។", "isolation"),
    ("my", "လုံခြုံရေးအတွက် ကိုယ်ပိုင်ဖုန်းကို ရုံးဝင်းထဲ ယူဆောင်ခွင့်မရှိပါ။", "isolation"),
    ("vi", "Học viên gửi lại điện thoại cá nhân để tập trung, liên lạc gia đình qua quản lý.", "isolation"),
    ("lo", "ພະນັກງານບໍ່ໃຊ້ໂທລະສັບສ່ວນໂຕ ໂທລະສັບຈະຝາກໄວ້ກັບຜູ້ຈັດການ.", "isolation"),
    ("en", "For staff safety, team members stay within the company area and outings are arranged by management.",
     "restricted_movement"),
    ("lo", "ອອກໄປທາງນອກໄດ້ເມື່ອຜູ້ຈັດການອະນຸຍາດ.", "restricted_movement"),
    ("lo", "ພະນັກງານບໍ່ໄດ້ອອກນອກເຂດບໍລິສັດໃນໄລຍະສັນຍາ.", "restricted_movement"),
    ("th", "ออกนอกพื้นที่ได้เฉพาะวันหยุดและต้องแจ้งหัวหน้าล่วงหน้า", "restricted_movement"),
    ("en", "Work in Korea without waiting for the language test!", "vague_promise"),
    ("th", "ไปทำงานเกาหลี ไม่ต้องสอบภาษา", "vague_promise"),
    ("lo", "ໄປເຮັດວຽກເກົາຫຼີ ບໍ່ຕ້ອງສອບພາສາ.", "vague_promise"),
    ("my", "ဂျပန်နိုင်ငံ စက်ရုံအလုပ်များ၊ ဂျပန်စာ မလိုပါ။", "vague_promise"),
    ("vi", "Không cần hộ chiếu, không cần visa, có người dẫn đường đi tắt.", "vague_promise"),
    # A question word does not make details given only in a chat ordinary (batch be's chats for questions publish).
    ("en", "Questions and salary details only by DM on Telegram @fastjob88.", "off_platform"),
    ("th", "สอบถามรายละเอียดงานทางไลน์ส่วนตัวเท่านั้น @jobfast88", "off_platform"),
    ("my", "အသေးစိတ်ကို viber မှာ မေးမြန်းပါ။", "off_platform"),
    ("vi", "Hỏi thêm chi tiết qua Zalo 0909 123 456.", "off_platform"),
    ("km", "សួរព័ត៌មានលម្អិតតាម telegram @job_kh តែប៉ុណ្ណោះ។", "off_platform"),
    ("lo", "ສອບຖາມລາຍລະອຽດທາງ WhatsApp ເທົ່ານັ້ນ.", "off_platform"),
    # The words the honest ads' categories use still hold when the document goes to someone else.
    ("km", "យកលិខិតឆ្លងដែនមកឲ្យក្រុមហ៊ុនរក្សាទុក។", "documents_kept"),
    ("th", "นายจ้างเก็บพาสปอร์ตไว้ตลอดสัญญา เก็บทุเรียนวันละ 10 ชั่วโมง", "documents_kept"),
    # Blind batch be-*'s misses, by category. The family reached only at a set time of the week:
    ("en", "Madam will hold your phone during the working week, you can call family on Sunday evening.", "isolation"),
    ("th", "ช่วงวันทำงานคุณนายเก็บโทรศัพท์ไว้ให้ก่อน โทรหาครอบครัวได้คืนวันอาทิตย์", "isolation"),
    ("my", "တနင်္ဂနွေ ည မိသားစုကို ဖုန်းဆက်ခွင့်ရ။", "isolation"),
    ("vi", "Trong giờ làm không sử dụng điện thoại, chủ nhà giữ giúp, tối Chủ nhật được gọi về nhà.", "isolation"),
    ("km", "ទូរស័ព្ទផ្ទាល់ខ្លួន ក្រុមហ៊ុនរក្សាទុកពេលម៉ោងធ្វើការ និងថ្ងៃធ្វើការទាំងអស់។", "isolation"),
    ("lo", "ໂທຫາຄອບຄົວໄດ້ຄືນວັນອາທິດ.", "isolation"),
    # travel or an advance settled later from the income or a share of the catch:
    ("en", "The travel costs are simply settled from your first months' income.", "debt"),
    ("en", "12,000 baht cash in hand for your family before you board, taken out of your share later.", "debt"),
    ("th", "ตั๋วเครื่องบินกับวีซ่าพี่จัดให้ก่อน ค่อยมาเคลียร์กันตอนได้เงินเดือน", "debt"),
    ("km", "ឲ្យលុយមុន ១០,០០០ បាត សម្រាប់គ្រួសារ មុនចុះទូក កាត់ពីចំណែកក្រោយ។", "debt"),
    ("lo", "ປີ້ຍົນ ແລະ ວີຊາ ພີ່ຈັດໃຫ້ກ່ອນ ແລ້ວຄ່ອຍເຄຼຍກັນຕອນໄດ້ເງິນເດືອນ.", "debt"),
    # pay only when the boat is back and the catch sold:
    ("km", "គិតលុយទាំងអស់ពេលទូកចូលច្រាំង និងលក់ត្រីរួច។", "wages_withheld"),
    ("my", "ကမ်းပြန်ရောက်ပြီး ငါးရောင်းပြီးမှ စာရင်းရှင်း ပေးမည်။", "wages_withheld"),
    # going out only with a minder, or with permission:
    ("th", "พนักงานอยู่ในบ้านพักหลังร้าน ออกไปข้างนอกต้องไปพร้อมหัวหน้า", "restricted_movement"),
    ("vi", "Ra ngoài phải đi cùng chủ.", "restricted_movement"),
    ("km", "ចេញក្រៅបុរីត្រូវមានការអនុញ្ញាតពីប្រធាន។", "restricted_movement"),
    ("lo", "ພັກຢູ່ຫຼັງຮ້ານ ອອກໄປຂ້າງນອກໄປກັບພີ່ລ້ຽງ.", "restricted_movement"),
    # leaving early forfeits the wages owed, or costs a fine or the costs of the 'commitment':
    ("th", "ลาออกก่อนครบสัญญาไม่ได้รับเงินส่วนที่ค้าง", "resignation_penalty"),
    ("lo", "ອອກກ່ອນຄົບສັນຍາ ບໍ່ໄດ້ເງິນສ່ວນທີ່ຄ້າງ.", "resignation_penalty"),
    ("my", "၁ နှစ် မပြည့်ခင် ပြန်ရင် လေယာဉ်ခ နှင့် ဒဏ်ကြေး ရင်းဂစ် ၂,၀၀၀ ပေးရမည်။", "resignation_penalty"),
    ("vi", "Trường hợp tự ý bỏ ngang hợp đồng phải hoàn trả chi phí phá vỡ cam kết.", "resignation_penalty"),
    # processing fees, a deposit paid, a package paid before the start:
    ("en", "Registration, health check and uniform package 3,500 baht, pay to our coordinator before the start date.",
     "recruitment_fee"),
    ("my", "ကျပ် ၁၀ သိန်း စရံပေးပြီး မြဝတီ တည်းခိုခန်းတွင် စောင့်ရမည်။", "recruitment_fee"),
    ("km", "បង់ថ្លៃដំណើរការឯកសារ 4000$។", "recruitment_fee"),
    ("lo", "ຈ່າຍຄ່າດຳເນີນເອກະສານ 15.000 ບາດ ກ່ອນ.", "recruitment_fee"),
    # documents 'safekept' or 'looked after' until the contract ends, left with the shop owner:
    ("en", "On arrival, HR will safekeep your travel document until the work pass is stamped.", "documents_kept"),
    ("th", "ร้านดูแลเอกสารเดินทางให้ทั้งหมดจนจบสัญญา", "documents_kept"),
    ("my", "ရောက်ရောက်ချင်း ပတ်စပို့ကို ဆိုင်ရှင်ဆီမှာ ထားရမည်။", "documents_kept"),
    # the lure in new words: airfare covered and a special zone campus, Cambodia for 15 million dong, typing in
    # a company borey, a car into the zone:
    ("en", "Online typing test. Package USD 1,200. Airfare covered. Office is in the company's special zone campus.",
     "scam_compound"),
    ("vi", "Làm việc tại Campuchia, CSKH, lương cứng 15 triệu, bao vé xe qua cửa khẩu, không cần kinh nghiệm.",
     "scam_compound"),
    ("km", "ការងារ Online នៅព្រះសីហនុ ត្រូវការអ្នកចេះវាយអក្សរ។ ក្រុមហ៊ុនចេញថ្លៃធ្វើដំណើរ ធ្វើការក្នុងបុរីក្រុមហ៊ុន។",
     "scam_compound"),
    ("lo", "ວຽກອອນລາຍ ເຂດເສດຖະກິດພິເສດ ເງິນເດືອນ 30.000 ບາດ. ພິມແຊັດເປັນກໍພໍ. ບໍລິສັດຈັດລົດຮັບສົ່ງເຂົ້າເຂດ.",
     "scam_compound"),
    # Batch bf's kinds, and the deceptive wordings next to its honest ones: 'unlike illegal brokers' and 'to
    # prevent fraud' beside a fee, a deposit returned only on completion, the employer paying part and the worker
    # the fee, a ticket advanced 'at no interest', a package the applicant covers, a top-up to unlock tasks.
    ("en", "Unlike illegal brokers, our placement fee is only 25,000 baht, paid before departure.", "recruitment_fee"),
    ("en", "To prevent fraud, every applicant leaves a 4,000 baht deposit.", "recruitment_fee"),
    ("vi", "Cảnh báo lừa đảo: bên em chỉ thu phí môi giới 40 triệu.", "recruitment_fee"),
    ("en", "Deposit 5,000 baht, refunded only if you finish the contract.", "recruitment_fee"),
    ("th", "วางเงินมัดจำ 3,000 บาท ได้คืนเมื่อทำงานครบสัญญา", "recruitment_fee"),
    ("en", "The company pays the flight and visa, and you pay the agency fee of 30,000 baht.", "recruitment_fee"),
    ("my", "ပွဲစားခ ကျပ် ၂၀ သိန်း ပေးရမည်၊ ဗီဇာ အားလုံး ကုမ္ပဏီက ကျခံသည်။", "recruitment_fee"),
    ("en", "We advance your ticket at no interest and take it back from your salary in instalments.", "debt"),
    ("en", "No fee now! Applicants simply cover the orientation package of 15,000 baht.", "recruitment_fee"),
    ("en", "Top up your task wallet with 1,000 baht to unlock VIP tasks.", "recruitment_fee"),
    ("th", "ปลดล็อกภารกิจ VIP แค่เติมเงินเข้ากระเป๋างาน 300 บาท", "recruitment_fee"),
    ("en", "Workers' passports are managed by the company office.", "documents_kept"),
    ("en", "Chat agents, age 20-30, USD 1,000. Our driver picks you up in Mae Sot and takes you across. You live "
           "inside the park.",
     "scam_compound"),
    ("km", "ប្រាក់ខែមិនអាចបង្ហាញជាសាធារណៈ ទាក់ទងតាមកម្មវិធីយន្តហោះក្រដាស។", "off_platform"),
    ("th", "แม่บ้านอยู่ประจำ วันหยุดให้พักอยู่ในบ้าน", "isolation"),
    ("lo", "ຄ່າແຮງສະສົມໄວ້ ຈ່າຍເທື່ອດຽວເມື່ອຄົບສັນຍາ.", "wages_withheld"),
    ("vi", "Nếu nghỉ ngang phải đền 20 triệu.", "resignation_penalty"),
    # The deceptive wordings beside them: an advance of a cost (not of the pay) still taken from the next salary,
    # the worker paying beside the employer's list, a uniform's cost repaid, a warning that is not teaching.
    ("en", "We advance your flight and take it from your next salary.", "debt"),
    ("vi", "Công ty chịu vé máy bay và visa, người lao động nộp phí môi giới 30 triệu.", "recruitment_fee"),
    ("lo", "ຄ່າຊຸດ 200,000 ກີບ ສົ່ງຄືນຈາກເງິນເດືອນ.", "debt"),
    ("en", "A salary advance of 20,000 baht for your visa and ticket, repaid from your next salary.", "debt"),
    ("th", "เบิกเงินเดือนล่วงหน้าเป็นค่าตั๋วเครื่องบิน หักคืนเดือนถัดไป", "debt"),
    ("lo", "ບໍ່ມີຄ່າສະໝັກ ແຕ່ຕ້ອງວາງເງິນມັດຈຳ 500,000 ກີບ.", "recruitment_fee"),
    # A deposit 'non-refundable' is not one given back; a fee due on registration or before the flight.
    ("en", "Deposit of 8,000 baht, non-refundable.", "recruitment_fee"),
    ("en", "Handling fee 9,500 baht payable on registration.", "recruitment_fee"),
    ("en", "Document fee 12,000 baht before the flight to Seoul.", "recruitment_fee"),
    ("en", "Factory work in Korea, no Korean exams, big salary.", "vague_promise"),
    # A negation in another part of the clause, after a comma, does not reach the penalty.
    ("vi", "Nếu tự ý bỏ việc hoặc không đủ ngày công, phải đền 15 triệu.", "resignation_penalty"),
    ("en", "If you resign early or do not finish the season, you must compensate the company 20,000 baht.",
     "resignation_penalty"),
    # Wages not paid monthly, kept until a season or a voyage ends.
    ("vi", "Tiền công không trả hàng tháng, chủ giữ đến cuối vụ mới trả.", "wages_withheld"),
    ("en", "Crew are not paid monthly; the owner settles everything when the boat returns.", "wages_withheld"),
    ("lo", "ຄ່າແຮງຈ່າຍລວມເມື່ອຄົບ 4 ເດືອນ.", "wages_withheld"),
    ("lo", "ຖ້າອອກກ່ອນ ຈະບໍ່ໄດ້ຮັບເງິນທີ່ຄ້າງ.", "resignation_penalty"),
    ("lo", "ລາອອກກ່ອນໝົດສັນຍາ ເສຍຄ່າປັບ 3,000,000 ກີບ.", "resignation_penalty"),
    # No language exam (as "no Korean exam"), "lg" for lương, a document-running fee due at registration, money
    # brought on the first day, a loan package offered to the worker (lending is the job only towards customers).
    ("vi", "Đi Nhật làm xây dựng, không cần thi tiếng, lương 35 triệu.", "vague_promise"),
    ("vi", "Việc nhẹ lg cao, làm ở Bavet.", "vague_promise"),
    ("lo", "ຄ່າແລ່ນວີຊາ 6,000,000 ກີບ ຈ່າຍກ່ອນຕອນສະໝັກ.", "recruitment_fee"),
    ("vi", "Hôm phỏng vấn mang theo 2 triệu tiền phí hồ sơ.", "recruitment_fee"),
    ("vi", "Thiếu tiền thì bên mình giới thiệu gói vay, sang làm trừ dần vào lương.", "debt"),
    # The lure in Vietnamese: dollar amounts written with a dot, no exit formalities.
    ("vi", "Tuyển nhân viên nhập liệu tại Campuchia, lương 1.500 USD, có xe đưa đón, không cần thủ tục xuất cảnh.",
     "scam_compound"),
    # Batch bh's deceptive kinds and the deceptive wordings beside its honest ones: our own fee beside a warning
    # about impersonators, a deposit returned only on completion, a task job after "not direct sales", task words
    # (boost a listing, rate a product, recharge the work balance), pay every six months, costs settled on going
    # home early, one call home a month, going out only with the supervisor, a land title pawned, the lure's dollar
    # amounts written with a dot, Mae Sot and a pick-up at its airport.
    ("vi", "Có kẻ mạo danh công ty, bên mình chỉ thu phí môi giới 30 triệu.", "recruitment_fee"),
    ("th", "มีคนแอบอ้างชื่อบริษัท บริษัทเก็บเพียงค่าหัวคิว 5,000 บาท", "recruitment_fee"),
    ("en", "Beware of people using our name, our only fee is a deposit of 5,000 baht.", "recruitment_fee"),
    ("vi", "Đặt cọc 5.000.000 đồng; khoản này được hoàn lại khi làm đủ 2 năm.", "recruitment_fee"),
    ("vi", "Đặt cọc 5 triệu, hoàn lại khi hết hợp đồng.", "recruitment_fee"),
    ("vi", "Nộp tiền ký quỹ 80 triệu cho công ty trước khi bay.", "recruitment_fee"),
    ("th", "ไม่ใช่งานขายตรง กดไลก์ได้เงินวันละ 500 บาท", "task_scam"),
    ("lo", "ບໍ່ແມ່ນວຽກຂາຍ ກົດໄລ ມື້ລະ 500 ບາດ", "task_scam"),
    ("lo", "ຈ່າຍຄ່ານາຍໜ້າ 5.000.000 ກີບ ກ່ອນເດີນທາງ.", "recruitment_fee"),
    ("en", "Boost a listing and rate a product, commission paid per order.", "task_scam"),
    ("en", "Members recharge their work balance to reach premium rounds.", "recruitment_fee"),
    ("en", "Wages are paid on a six-monthly basis.", "wages_withheld"),
    ("vi", "Lương ghi vào sổ hằng tháng, chi trả trọn gói sau mỗi 6 tháng.", "wages_withheld"),
    ("en", "Workers who go home early must settle the company's costs for the flight.", "resignation_penalty"),
    ("vi", "Về nước trước thời hạn phải thanh toán lại chi phí đào tạo cho công ty.", "resignation_penalty"),
    ("my", "တစ်နှစ်မပြည့်မီ ပြန်လိုသူ နစ်နာကြေး ပေးရမည်။", "resignation_penalty"),
    ("en", "Phones are handed in at the office on arrival; one call home a month.", "isolation"),
    ("th", "สวนอยู่ลึก ไม่มีสัญญาณ", "isolation"),
    ("km", "ទូកនៅសមុទ្រ ខលទៅគ្រួសារតាមវិទ្យុទូក ១ ដង/ខែ។", "isolation"),
    ("my", "မိသားစုနှင့် ရုံးဖုန်းဖြင့် လစဉ် တစ်ကြိမ် ပြောခွင့်ပေးမည်။", "isolation"),
    ("lo", "ໂທລະສັບຝາກໄວ້ຫ້ອງການ ເອົາມາໃຊ້ໄດ້ມື້ອາທິດ.", "isolation"),
    ("en", "Staff go to the market together with the supervisor every Sunday.", "restricted_movement"),
    ("th", "ออกไปข้างนอกได้เดือนละครั้งพร้อมหัวหน้าทีม", "restricted_movement"),
    ("lo", "ພະນັກງານພັກຢູ່ໃນເຂດບໍລິສັດ ບໍ່ອອກນອກຄົນດຽວ.", "restricted_movement"),
    ("lo", "ອອກນອກໂຮງງານໄດ້ສະເພາະວັນອາທິດ ພ້ອມຫົວໜ້າກຸ່ມ.", "restricted_movement"),
    ("vi", "Ra ngoài phải xin phép quản lý.", "restricted_movement"),
    ("th", "หัวหน้าสายเป็นผู้ดูแลพาสปอร์ตไว้ที่สำนักงานตลอดสัญญา", "documents_kept"),
    ("th", "งานออนไลน์ รายได้หลักหมื่น ไม่ต้องลงทุน", "vague_promise"),
    ("km", "ការងារអនឡាញ ចំណូលខ្ពស់ គ្មានលក្ខខណ្ឌ", "vague_promise"),
    ("lo", "ວຽກອອນລາຍ ລາຍໄດ້ສູງ ບໍ່ມີເງື່ອນໄຂ", "vague_promise"),
    ("lo", "ຄົນບໍ່ມີເງິນ ເອົາໃບຕາດິນໄປຈຳນຳກັບຄົນຂອງບໍລິສັດໄດ້.", "debt"),
    ("lo", "ຄ່າຊຸດ ແລະ ຄ່າແຕ່ງໜ້າ – ຮ້ານຫັກຈາກເງິນທິບ.", "recruitment_fee"),
    ("vi", "Văn phòng ở Phnom Penh, tuyển sinh viên mới ra trường, lương 2.000 USD, bao vé máy bay, liên hệ Telegram.",
     "scam_compound"),
    ("lo", "ບໍລິສັດຢູ່ສີຫານຸວິນ ຂາຍອອນລາຍ ເງິນເດືອນ 1.500 ໂດລາ ບໍລິສັດອອກຄ່າປີ້ຍົນໃຫ້.", "scam_compound"),
    ("my", "မဲဆောက်လေဆိပ်တွင် ကြိုမည်၊ အသက် ၂၀ မှ ၃၀၊ အသေးစိတ်ကို Telegram တွင်သာ ပြောမည်။", "scam_compound"),
]


@pytest.mark.parametrize("language,text,indicator", MISSES, ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(MISSES)])
def test_deceptive_wordings_that_were_published_are_held(language, text, indicator):
    assert indicator in _found(text), text


def test_a_negation_after_the_phrase_is_read_in_every_language():
    assert _found("Recruitment fee: none.") == set()
    assert _found("Recruitment fee: 5,000 baht.") == {"recruitment_fee"}
    assert _found("ค่าหัวคิว: ไม่มี") == set() and _found("ค่าหัวคิว: 5,000 บาท") == {"recruitment_fee"}
    assert _found("Phí môi giới: không có.") == set()
    assert _found("ថ្លៃសេវា: គ្មាន។") == set()
    assert _found("ຄ່ານາຍໜ້າ: ບໍ່ມີ.") == set()
    assert _found("ပွဲခ: မရှိ။") == set()


def test_the_scam_compound_lure_is_a_combination_not_a_place():
    assert "scam_compound" in _found("Customer service job in Sihanoukville. Free flight and visa. Telegram @hr_kh. "
                                     "No passport needed.")
    assert _found("Hotel housekeeper in Vientiane, Laos. Flight and visa provided by the hotel. "
                  "12,000 baht a month, one day off a week.") == set()
    # Applying online is not online work: two of the lure's signs are needed besides the travel.
    assert _found("Hotel housekeeper in Vientiane. Flight provided. Apply online, age 20-35.") == set()
    assert _found("แม่บ้านโรงแรม เวียงจันทน์ ออกค่าเดินทางให้ สมัครออนไลน์ได้ อายุ 20-35 ปี") == set()
    assert _found("Lễ tân khách sạn ở Lào, công ty lo visa, nộp hồ sơ online, tuổi 20-35.") == set()


def test_single_letters_that_spell_no_rule_word_stay_as_written():
    assert screening.canonical("I do a job, plan B is ok") == "i do a job, plan b is ok"
    assert screening.canonical("a d v a n c e from salary") == "advance from salary"  # advance is a word itself


def test_honest_work_abroad_with_the_employer_paying_the_ticket_publishes():
    assert _found("Hotel cook in Dubai. We book your flight and the employer pays the visa. Two years' experience "
                  "in a hotel kitchen, age 25-45, salary $1,200 a month, contract signed before departure.") == set()


def test_the_tuners_honest_burmese_ads_publish():
    """counterexamples_my.jsonl: ordinary Burmese ads written by the tuner (salary, overtime, social security
    deducted, advances the law allows, documents to bring, MOU jobs); not blind, so never in the blind figures."""
    import json
    from pathlib import Path

    path = Path(screening.__file__).with_name("counterexamples_my.jsonl")
    ads = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(ads) >= 20
    held = [ad["id"] for ad in ads if screening.screen_fields({"title": ad["title"], "description": ad["description"]})]
    assert held == []


# A fee (or a cost of getting the job: visa, ticket, training) that the employer or the agent "pays for you" or
# "advances" and takes back from the wages is still paid by the worker: a recruitment fee and a debt, not only a debt.
ADVANCED_FEES = [
    ("en", "The employer pays the placement fee for you and deducts it from your wages over six months."),
    ("en", "We pay your visa and training costs up front and take them back from your salary in instalments."),
    ("th", "บริษัทออกค่าหัวคิวให้ก่อน แล้วหักจากเงินเดือนทุกเดือน"),
    ("vi", "Công ty ứng trước phí môi giới và visa, sau đó trừ dần vào lương."),
    ("km", "ក្រុមហ៊ុនចេញថ្លៃទិដ្ឋាការឱ្យមុន ហើយកាត់ពីប្រាក់ខែរៀងរាល់ខែ។"),
    ("km", "ក្រុមការងារយើងជួយរ៉ាប់រងជាមុននូវថ្លៃលិខិតឆ្លងដែន និងទិដ្ឋាការ ហើយនឹងទូទាត់វិញតិចៗពីប្រាក់ខែ។"),
    ("lo", "ບໍລິສັດອອກຄ່ານາຍໜ້າ ແລະ ຄ່າວີຊາໃຫ້ກ່ອນ ແລ້ວຫັກຈາກເງິນເດືອນ."),
    ("my", "ပွဲခ နှင့် ဗီဇာခကို ကုမ္ပဏီက စိုက်ပေးပြီး လစာမှ ပြန်ဖြတ်မည်။"),
]
EMPLOYER_PAYS_AND_TAKES_NOTHING_BACK = [
    ("en", "The employer pays the placement fee and visa, and nothing is deducted from your wages."),
    ("th", "บริษัทออกค่าวีซ่าให้ ไม่หักจากเงินเดือน"),
    ("vi", "Công ty chi trả phí visa, không trừ vào lương."),
    ("km", "ក្រុមហ៊ុនចេញថ្លៃទិដ្ឋាការឱ្យ មិនកាត់ពីប្រាក់ខែទេ។"),
    ("lo", "ບໍລິສັດອອກຄ່າວີຊາໃຫ້ ບໍ່ຫັກຈາກເງິນເດືອນ."),
    ("my", "ဗီဇာခကို ကုမ္ပဏီက ကျခံပြီး လစာမှ မဖြတ်ပါ။"),
]


@pytest.mark.parametrize("language,text", ADVANCED_FEES,
                         ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(ADVANCED_FEES)])
def test_a_fee_advanced_and_taken_back_from_the_wages_is_a_fee_and_a_debt(language, text):
    assert {"recruitment_fee", "debt"} <= _found(text), text


@pytest.mark.parametrize("language,text", EMPLOYER_PAYS_AND_TAKES_NOTHING_BACK,
                         ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(EMPLOYER_PAYS_AND_TAKES_NOTHING_BACK)])
def test_a_fee_the_employer_pays_and_never_takes_back_is_neither(language, text):
    assert _found(text) == set(), text


def test_a_dot_inside_an_e_mail_address_does_not_end_the_clause():
    # "questions" beside the chat app is in the same clause only when the address's dots do not end it.
    assert _found("Staff get a Telegram group after joining, send CVs to hr@mekong.com.kh for questions.") == set()
    assert screening._clause_of("apply at hr@abc.com.mm today. ok", 3) == (0, len("apply at hr@abc.com.mm today"))


# Blind batch bi-* (six languages), by class. Each row: a deceptive wording that was published (or the deceptive
# neighbour of an honest wording that was held), the indicator it must raise, and beside it an honest wording of the
# same kind that must publish, in new words.
BATCH_BI = [
    # The documents "taken care of" or kept "for you" until the job ends; "no need to worry" is a reassurance, not a
    # denial of what follows.
    ("en", "Don't worry about your papers: the company takes care of your passport and work permit until you go home.",
     "documents_kept", "The agency takes care of your visa and work permit paperwork until you arrive; you keep your "
                       "passport."),
    ("en", "Our office looks after all travel documents for the whole contract, so you never have to carry them.",
     "documents_kept", "Our office helps with your travel documents, so you never have to queue at the embassy."),
    ("th", "ไม่ต้องกังวลเรื่องพาสปอร์ต นายจ้างเก็บรักษาให้จนครบสัญญา", "documents_kept",
     "ไม่ต้องกังวลเรื่องเอกสาร เจ้าหน้าที่ช่วยกรอกใบสมัครให้ ลูกจ้างถือพาสปอร์ตเอง"),
    ("km", "មិនបាច់បារម្ភពីលិខិតឆ្លងដែនទេ ក្រុមហ៊ុនរក្សាទុកជូនរហូតដល់ចប់កិច្ចសន្យា។", "documents_kept",
     "មិនបាច់បារម្ភពីឯកសារទេ បុគ្គលិកជួយបំពេញពាក្យស្នើសុំ ហើយអ្នកកាន់លិខិតឆ្លងដែនដោយខ្លួនឯង។"),
    ("lo", "ບໍ່ຕ້ອງກັງວົນເລື່ອງບັດປະຈຳຕົວ ເຖົ້າແກ່ຈະຮັກສາໄວ້ໃຫ້ຈົນກວ່າຈະກັບບ້ານ.", "documents_kept",
     "ບໍ່ຕ້ອງກັງວົນເລື່ອງເອກະສານ ພະນັກງານຊ່ວຍຕື່ມໃບສະໝັກ ທ່ານຖືໜັງສືຜ່ານແດນເອງ."),
    ("vi", "Không cần lo về hộ chiếu, chủ sẽ bảo quản giúp đến khi hết hợp đồng.", "documents_kept",
     "Không cần lo về giấy tờ, nhân viên hỗ trợ điền đơn; người lao động tự giữ hộ chiếu."),
    ("my", "ပတ်စပို့အတွက် စိတ်ပူစရာ မလိုပါ၊ ကုမ္ပဏီက စာချုပ်ပြီးသည်အထိ ထိန်းသိမ်းပေးမည်။", "documents_kept",
     "လျှောက်လွှာ ဖြည့်ရန် ကူညီပေးမည်၊ ပတ်စပို့ကို ကိုယ်တိုင် ကိုင်ထားနိုင်သည်။"),
    # Going out only when a supervisor or the employer takes the group, at set times (once a month, every second
    # Sunday); a company bus, or a cook taken to the market every morning, is not that.
    ("en", "Staff live on the farm; the foreman drives everyone to town once a month.", "restricted_movement",
     "A company bus goes to town every Sunday, and you are free to go out after work."),
    ("en", "A supervisor takes the whole team to the market every second Sunday.", "restricted_movement",
     "The chef takes you to the market every morning to buy fish."),
    ("th", "ถ้าอยากไปตลาด เถ้าแก่จะพาไปเองอาทิตย์ละครั้ง", "restricted_movement",
     "รถบริษัทพาพนักงานไปตลาดทุกวันอาทิตย์ เลิกงานแล้วออกไปไหนได้ตามสบาย"),
    ("th", "หัวหน้างานจะพาเข้าเมืองพร้อมกันเดือนละ 1 ครั้ง", "restricted_movement",
     "เจ้าของร้านพาไปตลาดซื้อวัตถุดิบทุกเช้า"),
    ("km", "ចង់ទៅផ្សារ ថៅកែនាំទៅជាមួយគ្នា សប្តាហ៍មួយម្តង។", "restricted_movement",
     "ឡានក្រុមហ៊ុនដឹកបុគ្គលិកទៅផ្សាររៀងរាល់ថ្ងៃអាទិត្យ ក្រៅម៉ោងការងារ ចេញទៅណាក៏បាន។"),
    ("lo", "ຫົວໜ້າຄົນງານພາໄປຕະຫຼາດ ເດືອນລະເທື່ອ.", "restricted_movement",
     "ມີລົດບໍລິສັດໄປຕະຫຼາດທຸກວັນອາທິດ ນອກເວລາວຽກອອກໄປໄດ້ຕາມສະບາຍ."),
    ("vi", "Quản lý đưa cả nhóm đi chợ mỗi tháng một lần.", "restricted_movement",
     "Xe công ty đưa công nhân ra chợ mỗi tuần một lần, ngoài giờ làm được tự do ra ngoài."),
    ("my", "ခေါင်းဆောင်က ဈေးကို လ တစ်ခါ ခေါ်သွားမည်။", "restricted_movement",
     "ကုမ္ပဏီ ကားဖြင့် ဈေးသို့ အပတ်စဉ် ပို့ပေးပြီး အလုပ်ချိန်ပြင်ပ လွတ်လပ်စွာ ထွက်နိုင်သည်။"),
    # Cut off: no phone signal, a vehicle in and out only every few months, news to the family only through the
    # company.
    ("en", "The camp has no phone signal and the truck comes in only once every two months.", "isolation",
     "Good phone signal and free Wi-Fi in the dormitory; a bus goes to town every evening."),
    ("th", "แคมป์อยู่ในป่า ไม่มีสัญญาณโทรศัพท์ รถเข้าออก 2 เดือนครั้ง", "isolation",
     "มีสัญญาณโทรศัพท์และไวไฟฟรี รถเข้าเมืองทุกวัน"),
    ("km", "ការដ្ឋានគ្មានសេវាទូរស័ព្ទ ហើយឡានចេញចូលតែ ៣ ខែម្តង។", "isolation",
     "មានសេវាទូរស័ព្ទ និង Wi-Fi ហើយឡានក្រុមហ៊ុនចេញចូលរៀងរាល់ថ្ងៃ។"),
    ("lo", "ບ່ອນເຮັດວຽກບໍ່ມີສັນຍານໂທລະສັບ ລົດເຂົ້າອອກ 3 ເດືອນເທື່ອ.", "isolation",
     "ມີສັນຍານໂທລະສັບ ແລະ Wi-Fi ຟຣີ ມີລົດເຂົ້າເມືອງທຸກມື້."),
    ("vi", "Khu rẫy không có sóng điện thoại, xe ra vào 2 tháng một lần.", "isolation",
     "Có sóng điện thoại và wifi miễn phí, xe đưa đón ra thị trấn hằng ngày."),
    ("my", "မိသားစုကို ဆက်သွယ်လိုပါက သူဌေး ရုံးမှတစ်ဆင့် ပို့ပေးမည်။", "isolation",
     "ကုမ္ပဏီ ကား နေ့တိုင်း မြို့သို့ ဝင်ထွက်ပြီး ဖုန်းလိုင်း ကောင်းသည်။"),
    ("my", "ကုမ္ပဏီ ကားဖြင့်သာ 2 လ တစ်ခါ အဝင်အထွက် ရှိသည်။", "isolation",
     "ကုမ္ပဏီ ကားဖြင့် နေ့တိုင်း အဝင်အထွက် ရှိသည်။"),
    # All the wages only once the season, the building or the contract is done, in any word order; a bonus then is
    # ordinary.
    ("en", "Wages are paid only when the building is finished.", "wages_withheld",
     "Wages are paid every Friday; a bonus is paid when the building is finished."),
    ("th", "ค่าจ้างทั้งหมด จบฤดู ค่อยจ่าย ระหว่างนี้เบิกได้อาทิตย์ละ 200 บาท", "wages_withheld",
     "ค่าแรงจ่ายทุกวันเสาร์ จบฤดูค่อยรับโบนัสเพิ่ม"),
    ("km", "ប្រាក់ឈ្នួលទាំងអស់ បើកតែម្តង ពេលការដ្ឋានបញ្ចប់។", "wages_withheld",
     "ប្រាក់ខែបើករៀងរាល់ខែ ប្រាក់រង្វាន់បើកតែម្តងពេលចប់ឆ្នាំ។"),
    ("lo", "ຄ່າແຮງ ໝົດລະດູ ຈຶ່ງຈ່າຍ ທັງໝົດ.", "wages_withheld", "ເງິນເດືອນຈ່າຍທຸກທ້າຍເດືອນ, ຄົບສັນຍາຈຶ່ງຈ່າຍໂບນັດ."),
    ("vi", "Lương hết mùa vụ mới trả một lần.", "wages_withheld", "Lương trả hằng tháng; hết mùa vụ mới nhận thưởng."),
    # Whoever leaves before the end loses the wages owed ("ใครออก", "អ្នកណាឈប់", "ຜູ້ໃດອອກ"); leaving with every day
    # worked paid is ordinary.
    ("th", "ใครออกกลางคัน ค่าแรงที่เหลือตกเป็นของนายจ้าง", "resignation_penalty",
     "ใครออกก่อนได้รับค่าแรงครบทุกวันที่ทำงาน"),
    ("km", "អ្នកណាឈប់ពាក់កណ្តាលទី ប្រាក់ដែលនៅសល់ មិនប្រគល់ឱ្យទេ។", "resignation_penalty",
     "អ្នកណាឈប់ នៅតែទទួលបានប្រាក់ឈ្នួលគ្រប់ថ្ងៃដែលបានធ្វើ។"),
    ("lo", "ຜູ້ໃດອອກກາງຄັນ, ເງິນທີ່ຄ້າງຈະບໍ່ໄດ້ຮັບຄືນ.", "resignation_penalty",
     "ຜູ້ໃດອອກກາງຄັນ ກໍ່ໄດ້ຮັບເງິນຄົບທຸກມື້ທີ່ເຮັດ."),
    # A fee named a "contribution" that is due before the visa or departure, and a balance settled from the wages;
    # a statutory contribution is neither.
    ("en", "A one-off 'file activation contribution' of 80,000 baht is due before departure.", "recruitment_fee",
     "NSSF contributions are deducted as the law requires."),
    ("en", "The agent fronts the cost and you settle the balance out of your first wages.", "debt",
     "The company pays a contribution to your provident fund; your final wages are paid in full on your last day."),
    # The details kept off the post for a private message.
    ("en", "Pay details can't be shared here; comment 'me' below and we will reach you by private message.",
     "off_platform", "All pay details are in this post; we will contact shortlisted applicants by phone or e-mail."),
    # The lure's travel "arranged by the company" and the job explained only on arrival.
    ("my", "မြဝတီရှိ ကုမ္ပဏီတွင် ဒစ်ဂျစ်တယ် မားကတ်တင်း ဝန်ထမ်း၊ အသက် 18 မှ 30၊ ခရီးစဉ်ကို ကုမ္ပဏီက စီစဉ်ပေးမည်၊ "
           "အလုပ် အသေးစိတ်ကို ရောက်မှ ပြောမည်။", "scam_compound",
     "ရန်ကုန် ဟိုတယ်တွင် ဧည့်ကြို ဝန်ထမ်း၊ အသက် 20 မှ 35၊ အလုပ်ခန့်စာချုပ်ကို အင်တာဗျူးတွင် ဖတ်ခွင့်ပေးမည်။"),
    ("en", "Marketing staff for a hotel group near the border. Age 20-30. Transport is arranged by our team; job "
           "details will be explained on arrival.", "scam_compound",
     "Hotel receptionist in Bangkok, age 20-35. Job details are explained at the interview."),
    # The employer pays a whole list ("every hiring cost – …", "mọi chi phí … do công ty chi trả", "အလုပ်ရှင်က A၊ B
    # ကို ပေးမည်"); a fee the worker pays beside it is still held.
    ("en", "The employer covers the visa and medical check, but you pay the agency fee of 20,000 baht.",
     "recruitment_fee", "The employer covers every hiring cost – agency fee, visa, medical check and bus fare."),
    ("vi", "Mọi chi phí do người lao động tự chịu, phí môi giới 40 triệu.", "recruitment_fee",
     "Tất cả chi phí tuyển dụng, visa, vé máy bay do nhà máy chi trả."),
    ("my", "အလုပ်ရှင်က လေယာဉ်လက်မှတ်ကို ပေးပြီး ပွဲခ ၁၅ သိန်း ကိုယ်တိုင် ပေးရမည်။", "recruitment_fee",
     "ဂျပန် အလုပ်ရှင်က ပွဲခ၊ ဗီဇာ၊ ဆေးစစ်ခ၊ ဂျပန်စာ သင်တန်းခ ကို ပေးပါသည်။"),
    # An advance of wages already worked, interest-free, taken back from the same pay; a ticket taken back so is
    # still a fee.
    ("th", "บริษัทออกค่าตั๋วให้ก่อน หักคืนในงวดเดียวกัน", "recruitment_fee",
     "เบิกค่าจ้างของวันที่ทำไปแล้วได้ ไม่มีดอกเบี้ย หักคืนในงวดเดียวกัน"),
    ("my", "လေယာဉ်လက်မှတ်ခကို ထိုလ လစာထဲမှသာ ပြန်နုတ်မည်။", "recruitment_fee",
     "လုပ်ပြီးသား ရက်အတွက် ကြိုထုတ်နိုင်သည်။ အတိုး မယူ၊ ထိုလ လစာမှသာ ပြန်နုတ်မည်၊ နောက်လသို့ အကြွေး မသယ်ပါ။"),
    ("en", "We advance your ticket and take it back from the same month's pay.", "recruitment_fee",
     "A salary advance of up to half is available, interest-free, taken back from the same month's pay."),
    ("vi", "Công ty ứng trước vé máy bay, trừ vào kỳ lương cuối tháng.", "recruitment_fee",
     "Được ứng tiền công đã làm, không lãi, trừ vào kỳ lương cuối tháng."),
    ("km", "ក្រុមហ៊ុនចេញថ្លៃសំបុត្រឱ្យមុន កាត់វិញនៅថ្ងៃបើកប្រាក់ខែ។", "recruitment_fee",
     "អាចខ្ចីប្រាក់ខែដែលបានធ្វើការរួច ដោយគ្មានការប្រាក់ កាត់វិញនៅថ្ងៃបើកប្រាក់ខែ។"),
    ("lo", "ບໍລິສັດອອກຄ່າປີ້ໃຫ້ກ່ອນ ຫັກຄືນໃນເດືອນຕໍ່ໄປ.", "recruitment_fee",
     "ເບີກຄ່າແຮງທີ່ເຮັດແລ້ວໄດ້ ບໍ່ມີດອກເບ້ຍ ຫັກຄືນໃນເດືອນຕໍ່ໄປ."),
    # A state exam or medical fee paid by the worker at cost to the government office (EPS); a broker's fee "paid at
    # the office" is still a fee.
    ("th", "ค่าหัวคิว 30,000 บาท จ่ายที่หน่วยงานของเรา", "recruitment_fee",
     "ค่าสมัครสอบและค่าตรวจสุขภาพ ผู้สมัครจ่ายเองที่สำนักงานจัดหางาน พร้อมใบเสร็จ"),
    ("vi", "Lệ phí hồ sơ 15 triệu, nộp trước khi bay.", "recruitment_fee",
     "Người lao động chỉ nộp lệ phí dự thi tiếng Hàn theo quy định."),
    ("en", "Pay the processing fee of 15,000 baht at our office before you fly.", "recruitment_fee",
     "You pay only the language exam fee, directly at the government test centre, with a receipt."),
    # An original shown and handed back at once is not a document kept; kept and handed back at the contract's end
    # is.
    ("km", "ក្រុមហ៊ុនរក្សាទុកលិខិតឆ្លងដែន ហើយប្រគល់ឱ្យវិញពេលចប់កិច្ចសន្យា។", "documents_kept",
     "សូមយកលិខិតឆ្លងដែនដើមមកបង្ហាញ បុគ្គលិកនឹងប្រគល់ឱ្យវិញភ្លាមៗ។"),
    ("th", "บริษัทเก็บพาสปอร์ตไว้ คืนให้เมื่อครบสัญญา", "documents_kept",
     "นำบัตรประชาชนตัวจริงมาแสดง เจ้าหน้าที่ดูแล้วคืนให้ทันที"),
    ("vi", "Công ty giữ hộ chiếu, trả lại khi hết hợp đồng.", "documents_kept",
     "Mang CCCD gốc để đối chiếu, nhân viên trả lại ngay."),
    # A deduction word inside another word: ឆ្លងកាត់ (to pass through) is not កាត់ (to deduct).
    ("km", "ថ្លៃធ្វើដំណើរកាត់ពីប្រាក់ខែដំបូង។", "recruitment_fee",
     "បេក្ខជនត្រូវឆ្លងកាត់ការសម្ភាសន៍ពីរដង មុនទទួលប្រាក់ខែដំបូង។"),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", BATCH_BI,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(BATCH_BI)])
def test_batch_bi_kinds_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive, indicator, honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


BATCH_BJ = [
    # An English word inside a Vietnamese name: "Đài Loan" (Taiwan) is not a loan.
    ("vi", "Công ty cho vay tiền vé máy bay, trừ dần vào lương.", "debt",
     "Tuyển thợ hàn làm việc tại Đài Loan, công khai mọi chi phí, có biên lai."),
    # A chat app the employer says it never recruits through (a list of them too) is not the recruiter's channel.
    ("en", "Apply only through Telegram, the details are sent there.", "off_platform",
     "We never hire through WhatsApp or Telegram; apply at the front desk."),
    ("vi", "Chi tiết công việc chỉ gửi qua Telegram.", "off_platform",
     "Chúng tôi không tuyển dụng qua Zalo hay Telegram, chỉ phỏng vấn tại xưởng."),
    # "We never ask you to A, B or C": the negation reaches the whole list.
    ("en", "Workers pay a deposit for the uniform before starting.", "recruitment_fee",
     "We never ask new staff to pay a bond, buy a starter kit or leave a deposit."),
    # A document handed over and taken back the same day is not kept.
    ("en", "On arrival you hand your passport to the supervisor, who keeps it until the contract ends.",
     "documents_kept", "Bring your passport; you give it to the clerk for the visa check and take it back the same "
                       "afternoon."),
    # Deductions "explained" or "listed" name a topic, not a deduction.
    ("en", "The uniform cost is deducted from your first wages.", "recruitment_fee",
     "Uniform and deductions explained below: shirts are free."),
    ("my", "ယူနီဖောင်းခကို ပထမလ လစာမှ နှုတ်ယူမည်။", "debt",
     "လစာ နှုတ်ယူမှုများ ရှင်းလင်းစွာ ဖော်ပြထားသည်။"),
    # An advance repaid by a deduction the worker agrees to in writing (never for a ticket or a fee).
    ("en", "The agency advances your flight ticket and it is deducted from your wages.", "recruitment_fee",
     "An advance on your pay is repaid by one deduction you agree to in writing."),
    # A state exam's registration fee, and the EPS escrow sent to Vietnam's Social Policy Bank.
    ("vi", "Người lao động phải nộp lệ phí hồ sơ 20 triệu trước khi bay.", "recruitment_fee",
     "Ứng viên tự nộp lệ phí đăng ký thi tiếng Hàn theo quy định."),
    ("vi", "Nộp tiền ký quỹ 50 triệu cho công ty, chỉ hoàn lại khi hết hợp đồng.", "recruitment_fee",
     "Tiền ký quỹ gửi vào Ngân hàng Chính sách xã hội, nhận lại khi về nước."),
    # A job that says it gives no paid tasks.
    ("vi", "Làm nhiệm vụ đánh giá sản phẩm, nhận hoa hồng 5% mỗi đơn.", "task_scam",
     "Bên mình không giao nhiệm vụ nạp tiền hay đánh giá sản phẩm ăn hoa hồng."),
    # The worker keeps their own phone and papers ("của mình").
    ("vi", "Công ty giữ hộ chiếu của công nhân đến hết hợp đồng.", "documents_kept",
     "Công nhân được giữ hộ chiếu và thẻ cư trú của mình."),
    # Advice on spotting illegal ("chui") recruitment names the fees without charging them.
    ("vi", "Đóng phí giữ chỗ 5 triệu để được ưu tiên xuất cảnh.", "recruitment_fee",
     "Tư vấn viên hướng dẫn nhận diện phí giữ chỗ và tuyển dụng chui."),
    # An interest-free advance of the first week's food, taken from the next pay (a ticket stays a debt).
    ("vi", "Công ty ứng trước tiền vé, trừ vào lương tháng đầu, không lãi.", "debt",
     "Ai cần có thể ứng trước tiền cơm tuần đầu, trừ vào lương tuần sau, không lãi."),
    # Burmese: "no money to repay" (ငွေ မရှိ) denies the word before it.
    ("my", "အလုပ်ထွက်လျှင် သင်တန်းစရိတ် ပြန်ဆပ်ရမည်။", "debt",
     "ထွက်ချင်သည့်အခါ ထွက်နိုင်ပြီး ပြန်ဆပ်ရမည့် ငွေ မရှိ။"),
    # An interest-free advance the worker asks for.
    ("my", "ကြိုတင်ငွေ ကျပ် ၅ သိန်း ပေးရမည်။", "recruitment_fee",
     "ကြိုတင်ငွေ လိုပါက အတိုး မယူဘဲ ထုတ်ပေးပြီး လစာမှ ပြန်နုတ်သည်။"),
    # A channel to read official lists, or to book an interview at the shop, is not the recruiter's chat.
    ("my", "အသေးစိတ်ကို telegram မှ ပြောပြမည်။", "off_platform",
     "လိုင်စင်ရ အေဂျင်စီ စာရင်းကို ဌာန၏ telegram channel တွင် ကြည့်နိုင်သည်။"),
    ("my", "အလုပ်အကြောင်း viber သို့ စာပို့မှ ပြောပြမည်။", "off_platform",
     "viber ဖြင့် အင်တာဗျူး ချိန်းနိုင်ပြီး အင်တာဗျူး ကို ဆိုင်တွင်သာ လုပ်သည်။"),
    # The worker pays only the official passport and medical-check costs.
    ("my", "အလုပ်သမားက ပွဲခ နှင့် ဆေးစစ်ခ ပေးရမည်။", "recruitment_fee",
     "အလုပ်သမားက ပတ်စပို့ခ နှင့် ဆေးစစ်ခ သာ ပေးရသည်။"),
    # Spelling and spacing variants: နှုတ် for နုတ် (deduct), money "put down first", "Tele gram".
    ("my", "ကျန်ငွေကို လစာထဲက လစဉ် ဘတ် ၂,၀၀၀ နှုတ်ယူပါမည်။", "debt",
     "ဝန်ထမ်းသစ်များကို နှုတ်ဆက် ကြိုဆိုပါသည်။"),
    ("my", "နေရာ ရရန် ကျပ် ၁၀ သိန်း အရင် ချပေးရမည်။", "recruitment_fee",
     "အလုပ်ဝင်ရန် ကိုယ်ရေးအချက်အလက် အရင် ပေးပို့ပါ။"),
    # A fee renamed a "processing payment" or "facilitation sum"; going out "not allowed" for the whole contract.
    ("en", "A 4,000 baht processing payment is due before you travel.", "recruitment_fee",
     "We handle the payroll processing; wages are paid on the 25th."),
    ("en", "Going out of the site is not allowed until the contract ends.", "restricted_movement",
     "Going out at lunch is fine; the gate is open all day."),
    ("en", "Details only on Tele gram, message now.", "off_platform",
     "Apply at the office; for questions message our Tele gram."),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", BATCH_BJ,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(BATCH_BJ)])
def test_batch_bj_kinds_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive, indicator, honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


# Batch bk (blind, 2026-12-07): each kind it was held or missed for, in every language it was seen in, with a
# deceptive wording of the same idea that must still be held. Sentences written for these tests, not the ads'.
BATCH_BK = [
    # A chat app given as one way to apply, beside coming to the shop in person, or the shop's own chat.
    ("th", "รายละเอียดงานทักไลน์ส่วนตัวเท่านั้น", "off_platform",
     "ส่งใบสมัครทางไลน์ของร้าน หรือ มาสมัคร ที่ร้านตอนเช้า"),
    ("km", "ព័ត៌មានលម្អិត សូម ផ្ញើសារ តាម តេឡេក្រាម ឯកជន", "off_platform",
     "ផ្ញើ ពាក្យ តាម Telegram ឬ មក ផ្ទាល់ នៅ ភោជនីយដ្ឋាន"),
    ("lo", "ລາຍລະອຽດ ທັກ ແຊັດ ສ່ວນຕົວ ເທົ່ານັ້ນ", "off_platform",
     "ສົ່ງ ໃບສະໝັກ ທາງ WhatsApp ຫຼື ມາ ສະໝັກ ຢູ່ ໂຮງງານ ກໍ ໄດ້"),
    ("my", "အသေးစိတ်ကို Viber မှာပဲ ပြောမယ်", "off_platform",
     "Viber ဖြင့် လျှောက်နိုင်သလို စက်ရုံ သို့ တိုက်ရိုက် လာ လျှောက်လည်း ရသည်"),
    # Knowing how to use a chat app is a skill the job asks for, not the recruiter's channel.
    ("en", "Send your photo to our recruiter on Telegram only.", "off_platform",
     "Cashier wanted, must be able to use LINE and a card machine."),
    ("vi", "Chi tiết công việc chỉ gửi qua Zalo riêng.", "off_platform",
     "Yêu cầu biết sử dụng Zalo và máy tính tiền."),
    # A school's course fee, in a post that says it is a course and no job (and a country's language is a language).
    ("en", "Pay the training fee of 20,000 baht before you fly to Japan.", "recruitment_fee",
     "Bakery course fee: 3,900 baht, this is a class, not a job offer."),
    ("th", "จ่ายค่าอบรม 15,000 บาท ก่อนบินไปทำงานต่างประเทศ", "recruitment_fee",
     "คอร์สทำขนม ค่าเรียน 2,000 บาท ชำระค่าเรียนที่สถาบัน นี่ไม่ใช่การรับสมัครงาน"),
    ("lo", "ຈ່າຍ ຄ່າ ຝຶກ ອົບຮົມ 5,000,000 ກີບ ກ່ອນ ໄປ ເຮັດວຽກ ຕ່າງປະເທດ", "recruitment_fee",
     "ຫຼັກສູດ ຕັດຫຍິບ ຄ່າຮຽນ 900,000 ກີບ ຈ່າຍ ຢູ່ ສູນ ເທົ່ານັ້ນ"),
    ("my", "ဂျပန် မသွားမီ သင်တန်းကြေး ကျပ် ၂၀ သိန်း ပေးရမည်", "recruitment_fee",
     "ကိုရီးယား စာ သင်တန်း၊ သင်တန်းကြေး ၂ သိန်း၊ သင်တန်း သာ ဖြစ်ပြီး အလုပ် ခေါ်ခြင်း မဟုတ်ပါ"),
    # An interest-free staff loan the worker may ask for in an emergency; a ticket "at no interest" is still a debt.
    ("en", "We lend you the air ticket at 0% and take it back from your wages.", "debt",
     "An interest-free staff loan is there on request for emergencies, repaid over a few months."),
    ("vi", "Công ty cho vay không lãi tiền vé máy bay, trừ dần vào lương.", "debt",
     "Quỹ công đoàn cho vay không lãi suất khi gia đình khẩn cấp, trả dần 5 tháng."),
    # Other people's loans or a company's accounts as the work: a call centre for borrowers, book-keeping.
    ("en", "Your debt to the agency is repaid from your first six salaries.", "debt",
     "Take calls about loan repayments from the bank's customers."),
    ("vi", "Bạn phải trả nợ cho công ty trước khi nghỉ việc.", "debt",
     "Kế toán kho: theo dõi công nợ nhà cung cấp và lập báo cáo."),
    # Khmer and Lao written with a space between words: a negation still reaches its words.
    ("km", "ត្រូវ បង់ ប្រាក់ កក់ ២០០ ដុល្លារ មុន ចូល ធ្វើការ", "recruitment_fee",
     "ពេល ចូល ធ្វើការ មិន ត្រូវ បង់ ប្រាក់ កក់ ឬ ថ្លៃ សេវា ទេ"),
    ("lo", "ຕ້ອງ ຈ່າຍ ຄ່າ ນາຍໜ້າ 3,000 ບາດ ກ່ອນ ອອກ ເດີນທາງ", "recruitment_fee",
     "ຜູ້ ສະໝັກ ບໍ່ ຕ້ອງ ຈ່າຍ ຄ່າ ນາຍໜ້າ ຫຍັງ"),
    # A Khmer colon (៖) before the answer "none".
    ("km", "ប្រាក់កក់ឯកសណ្ឋាន ១០ ដុល្លារ", "recruitment_fee",
     "ប្រាក់ កក់ កាតបុគ្គលិក៖ គ្មាន"),
    # The worker keeps the documents themself, with words between; and bringing an ID card when applying.
    ("lo", "ບໍລິສັດ ເກັບ ພາສປອດ ໄວ້ ຈົນ ໝົດ ສັນຍາ", "documents_kept",
     "ພາສປອດ ຂອງ ທ່ານ ທ່ານ ຖື ໄວ້ ເອງ ຕະຫຼອດ"),
    ("km", "ក្រុមហ៊ុន យក លិខិតឆ្លងដែន ទុក រហូត ចប់ កិច្ចសន្យា", "documents_kept",
     "មក ដាក់ ពាក្យ នៅ ការិយាល័យ យក អត្តសញ្ញាណប័ណ្ណ និង រូបថត ២ សន្លឹក"),
    # "No problem" is a reassurance, not a denial; and a deposit "not given back" is a deposit kept.
    ("km", "គ្មាន លុយ មិន អី ទេ ក្រុមហ៊ុន ខ្ចី ថ្លៃ យន្តហោះ ហើយ កាត់ ពី ប្រាក់ខែ", "debt",
     "ប្រាក់ខែ បើក រៀងរាល់ ខែ"),
    ("lo", "ບໍ່ ມີ ເງິນ ບໍ່ ເປັນ ຫຍັງ ບໍລິສັດ ໃຫ້ ຢືມ ຄ່າ ປີ້ ຍົນ ແລ້ວ ຫັກ ຈາກ ເງິນເດືອນ", "debt",
     "ເງິນເດືອນ ຈ່າຍ ທຸກ ທ້າຍ ເດືອນ"),
    ("km", "បើ ឈប់ មុន នឹង មិន បាន ប្រាក់ កក់ វិញ ទេ ប្រាក់ កក់ ៥០ ដុល្លារ", "recruitment_fee",
     "ប្រាក់ កក់ សោ បន្ទប់ ប្រគល់ ឱ្យ វិញ ពេល ចេញ"),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", BATCH_BK,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(BATCH_BK)])
def test_batch_bk_kinds_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive, indicator, honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest

BATCH_BK_MISSED = [
    # "If you don't have the money, we lend it": lacking money is the lure's condition, not a denial.
    ("vi", "Không có tiền thì công ty cho vay tiền vé máy bay.", "debt",
     "Công ty không cho vay và không trừ lương."),
    ("km", "មិន មាន លុយ ក្រុមហ៊ុន ខ្ចី ថ្លៃ យន្តហោះ ឲ្យ", "debt",
     "ក្រុមហ៊ុន មិន ខ្ចី លុយ និង មិន កាត់ ប្រាក់ខែ ទេ"),
    ("lo", "ບໍ່ ມີ ເງິນ ບໍລິສັດ ໃຫ້ ຢືມ ຄ່າ ປີ້ ຍົນ", "debt",
     "ບໍລິສັດ ບໍ່ ໃຫ້ ຢືມ ເງິນ ແລະ ບໍ່ ຫັກ ເງິນເດືອນ"),
    # A fee named for what it buys; "non-refundable" is a fee kept, not a fee denied.
    ("en", "The fee to secure your job is 4,000 baht, paid before you start.", "recruitment_fee",
     "No fee to get the job: the employer pays everything."),
    ("en", "Pay the operation fee of 90,000 baht to open your file.", "recruitment_fee",
     "The employer pays the visa and housing; no operation fee."),
    ("vi", "Chi phí 6.000 USD (không hoàn lại) hộ chiếu: công ty giữ đến khi hết hợp đồng.", "documents_kept",
     "Hộ chiếu: người lao động tự giữ."),
    # The documents named, then "these are held by the office" in the next sentence.
    ("en", "Bring your passport and work permit. These are held by the supervisor until you leave.",
     "documents_kept", "Bring your passport and work permit. These are checked and handed back the same day."),
    # Khmer with spaces: the details "cannot be posted here".
    ("km", "ព័ត៌មាន លម្អិត មិន អាច ប្រកាស នៅ ទីនេះ បាន ទេ សូម inbox", "off_platform",
     "ព័ត៌មាន លម្អិត មាន នៅ ក្នុង ប្រកាស នេះ"),
    # Lao with spaces: all the wages only when the building is done.
    ("lo", "ຄ່າແຮງ ທັງໝົດ ຈ່າຍ ເມື່ອ ໂຄງການ ສຳເລັດ", "wages_withheld",
     "ຄ່າແຮງ ຈ່າຍ ທຸກ ວັນ ເສົາ"),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", BATCH_BK_MISSED,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(BATCH_BK_MISSED)])
def test_batch_bk_misses_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive, indicator,
                                                                              honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


# The indicator classes batch bk's deceptive ads showed and the rules did not read (its ads were held for something
# else, or, for the documents kept "so they are not lost", not at all): each fails with the rules before them.
BATCH_BK_UNREAD = [
    # A charge "not refunded" or "non-refundable" is a fee the worker pays and never sees again.
    ("en", "Processing costs 9,000 baht, non-refundable.", "recruitment_fee",
     "Processing costs are paid by the employer."),
    ("vi", "Chi phí 3.000 USD, không hoàn lại.", "recruitment_fee", "Chi phí vé máy bay do công ty chi trả."),
    ("lo", "ຄ່າທຳນຽມ 5,000 ບາດ ບໍ່ ສົ່ງ ຄືນ", "recruitment_fee", "ບໍ່ມີຄ່າທຳນຽມ"),
    ("my", "ဝန်ဆောင်ခ ကျပ် ၁၀ သိန်း၊ ပြန်မအမ်းပါ။", "recruitment_fee", "ဝန်ဆောင်ခ မယူပါ။"),
    ("th", "ค่าใช้จ่าย 20,000 บาท ไม่คืน", "recruitment_fee", "ค่าใช้จ่ายทั้งหมดบริษัทออกให้"),
    ("km", "ថ្លៃសេវា ៥០០ ដុល្លារ មិនសងវិញ", "recruitment_fee", "ថ្លៃសេវា៖ គ្មាន"),
    # A job that says its details cannot be posted here promises what it does not say.
    ("en", "We can't share the salary details here, message us.", "vague_promise",
     "Salary details are in this post: 12,000 baht a month."),
    ("vi", "Vì lý do bảo mật, mình không đăng chi tiết công việc ở đây.", "vague_promise",
     "Chi tiết công việc có trong bài đăng này."),
    ("km", "ព័ត៌មានលម្អិត មិនអាចប្រកាសនៅទីនេះបានទេ", "vague_promise", "ព័ត៌មានលម្អិត មាននៅក្នុងប្រកាសនេះ"),
    ("my", "အသေးစိတ် ကို ဒီမှာ တင်လို့ မရပါ။", "vague_promise", "အသေးစိတ် ကို ဒီမှာ ဖော်ပြထားပါသည်။"),
    ("th", "รายละเอียดลงที่นี่ไม่ได้ ทักมาถาม", "vague_promise", "รายละเอียดงานอยู่ในประกาศนี้"),
    ("lo", "ລາຍລະອຽດ ລົງ ຢູ່ ນີ້ ບໍ່ ໄດ້", "vague_promise", "ລາຍລະອຽດ ວຽກ ຢູ່ ໃນ ປະກາດ ນີ້"),
    # Going out only with a minder, not alone, or "no need to go anywhere"; no leaving until a debt is repaid.
    ("en", "No going out alone; the boss takes you shopping.", "restricted_movement",
     "You can go out alone after work."),
    ("en", "A minder always goes with the girls when they go out.", "restricted_movement",
     "A guide goes with new staff on the first day's tour."),
    ("vi", "Mọi thứ có sẵn trong khu, không cần đi đâu.", "restricted_movement",
     "Ký túc xá gần chợ, ngày nghỉ đi đâu cũng được."),
    ("km", "ចេញក្រៅ ត្រូវមាន អ្នកមើល ទៅជាមួយ", "restricted_movement", "ចេញក្រៅ ពេលសម្រាក បានដោយសេរី"),
    ("km", "អ្នកជំពាក់ មិនអាចចាកចេញបានទេ រហូតដល់សងរួច", "restricted_movement",
     "អ្នកអាចចាកចេញបាន ដោយជូនដំណឹងមុន ៣០ ថ្ងៃ"),
    ("lo", "ອອກ ນອກ ຕ້ອງ ມີ ຄົນ ໄປ ນຳ", "restricted_movement", "ມື້ພັກ ອອກ ໄປ ໃສ ກໍ ໄດ້"),
    ("my", "အပြင် ထွက်ရင် စောင့်ရှောက်သူ အမြဲ လိုက်မယ်။", "restricted_movement",
     "နားရက် အပြင် ထွက်ချင်ရင် လွတ်လပ်စွာ ထွက်နိုင်သည်။"),
    ("my", "ဝင်း ထဲမှာ အကုန် ရှိလို့ အပြင် ထွက်စရာ မလို။", "restricted_movement",
     "ဝင်း အနီးမှာ ဈေး ရှိပြီး နားရက် လွတ်လပ်စွာ သွားနိုင်သည်။"),
    # Leaving before the end costs part of the wages, the deposit, or a sum cut from the last pay.
    ("en", "Leave the farm before the season ends and you lose half your pay.", "resignation_penalty",
     "You may leave the farm with two weeks' notice and keep all your pay."),
    ("th", "ถ้าลาออกก่อนครบปี ถูกหักเงินประกัน", "resignation_penalty", "ลาออกได้ แจ้งล่วงหน้า 30 วัน"),
    ("vi", "Nghỉ ngang không báo trước mất tiền ký quỹ.", "resignation_penalty",
     "Nghỉ việc báo trước 30 ngày, nhận đủ lương."),
    ("vi", "Bỏ tàu trước hạn phải bồi thường 10 triệu.", "resignation_penalty",
     "Hết chuyến có thể nghỉ, không phải bồi thường."),
    ("my", "စာချုပ် မပြည့်ခင် အလုပ် ထွက်ရင် သင်တန်း စရိတ် ပြန်ဖြတ်မယ်။", "resignation_penalty",
     "အလုပ်ထွက်လိုလျှင် တစ်ပတ် ကြိုပြောရုံ ဖြစ်သည်။"),
    # Wages paid together at the end of a trip or only once an account is cleared; costs taken from tips.
    ("en", "8,000 baht a month, all paid together when the ship comes back.", "wages_withheld",
     "8,000 baht a month, paid every Friday."),
    ("en", "After your account is cleared you start receiving your money.", "wages_withheld",
     "Your money is paid into your bank account every month."),
    ("en", "The costs of coming here are taken from your tips first.", "debt", "Tips are yours to keep."),
    # Documents kept "so they are not lost", with the keeper far from the word.
    ("my", "ပါမစ် နဲ့ ပတ်စပို့ တွေ ပျောက်မှာ စိုးလို့ နှစ်နှစ် စာချုပ် ကာလ တစ်လျှောက်လုံး စက်ရုံ ရုံးခန်း မန်နေဂျာ က "
     "လုံခြုံ စွာ ထိန်းသိမ်း ထားမယ်။",
     "documents_kept", "ပတ်စပို့ ပျောက်မှာ စိုးလို့ ကိုယ်တိုင် ကိုင်ထားပါ။"),
    ("en", "Passports and work permits, in case they get lost during the long two-year contract on the boats, are "
     "held by the skipper.", "documents_kept", "Carry a copy of your passport in case it gets lost."),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", BATCH_BK_UNREAD,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(BATCH_BK_UNREAD)])
def test_batch_bk_unread_classes_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive, indicator,
                                                                                      honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


# Batch bl (blind, 2026-12-07): the kinds it was wrongly held for, in the languages they were seen in, each beside a
# deceptive wording of the same idea that must still be held. Sentences written for these tests, not the ads'.
BATCH_BL_FALSE_ALARMS = [
    # A course fee in a post that says, anywhere (its title, another sentence), that it is a course and no job.
    ("vi", "Học phí 30 triệu, đóng trước khi bay sang Nhật làm việc.", "recruitment_fee",
     "Đây không phải tin tuyển dụng. Học phí khóa tiếng Hàn 4 triệu, đóng tại trung tâm."),
    ("lo", "ຈ່າຍ ຄ່າຮຽນ 8,000,000 ກີບ ກ່ອນ ໄປ ເຮັດວຽກ ຍີ່ປຸ່ນ", "recruitment_fee",
     "ຫຼັກສູດນີ້ບໍ່ແມ່ນການຮັບສະໝັກວຽກ. ຄ່າຮຽນ 1,200,000 ກີບ ຈ່າຍ 2 ງວດ."),
    # The worker (ពលករ) holds the documents themself, "ខ្លួនឯង" after a list of them.
    ("km", "ក្រុមហ៊ុនកាន់លិខិតឆ្លងដែន និងប័ណ្ណការងាររបស់ពលករ រហូតចប់កិច្ចសន្យា", "documents_kept",
     "ពលករកាន់លិខិតឆ្លងដែន និងអត្តសញ្ញាណប័ណ្ណខ្លួនឯង"),
    # Applying by chat or coming to the shop (tiệm, salon…) in person.
    ("vi", "Chi tiết lương chỉ gửi qua Zalo riêng.", "off_platform",
     "Ứng tuyển qua Zalo hoặc ghé tiệm làm tóc ở Quận 3."),
    # The employer pays a list of costs, in Burmese with a plain "pays" (ပေးသည်) after the list.
    ("my", "ဗီဇာ၊ ဆေးစစ်ခ ကို အလုပ်သမားက ပေးရမည်။", "recruitment_fee",
     "ထိုင်းဥပဒေအရ ဗီဇာ၊ ဆေးစစ်ခ၊ နယ်စပ်မှ ရန်ကုန်သို့ ကားခ ကို အလုပ်ရှင်က ပေးသည်။"),
    # A Burmese negation inside a compound verb: keep-not-hold (သိမ်းမထား).
    ("my", "ပတ်စပို့ကို စက်ရုံက သိမ်းထားမည်။", "documents_kept", "ပတ်စပို့ကို စက်ရုံက သိမ်းမထားပါ။"),
    # Phones as the goods of the work, and keeping a place tidy.
    ("en", "The supervisor keeps all phones during the season.", "restricted_movement",
     "Repairing phones for customers and keeping the counter tidy."),
    # Picked up at the airport or the border (ကြိုပေး) is not money advanced.
    ("my", "လေယာဉ်လက်မှတ်ခ ကို ကုမ္ပဏီက ကြိုပေးပြီး လစာမှ ပြန်ဖြတ်မည်။", "debt",
     "လေဆိပ်မှာ ကြိုပေးမည်၊ passport နှင့် ဗီဇာ ကိုယ်တိုင် ယူလာပါ။"),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", BATCH_BL_FALSE_ALARMS,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(BATCH_BL_FALSE_ALARMS)])
def test_batch_bl_false_alarm_kinds_publish_the_honest_wording_and_hold_the_deceptive_one(language, deceptive,
                                                                                          indicator, honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


# Issue 27: an attacker who had read the rules. Each class in its own words (not the attacker's), in every language
# the class plainly exists in: a deceptive text that must be held beside an honest one that must publish.
ATTACK_RULES_AWARE = [
    # Enclosed letters and digits that NFKC keeps (negative squared 🅰, negative circled 🅐, dingbat ❶) are letters.
    ("en", "Your 🅿🅰🆂🆂🅿🅾🆁🆃 is 🅺🅴🅿🆃 by the supervisor until the contract ends.", "documents_kept",
     "🅽🅴🆆 café opening: 🅱🅰🆁🅸🆂🆃🅰 wanted, one day off a week."),
    ("en", "A 🅛🅞🅐🅝 covers your visa, ❶❷,000 baht 🅓🅔🅓🅤🅒🅣🅔🅓 from your wages each month.", "debt",
     "🅛🅘🅕🅔🅖🅤🅐🅡🅓 for the hotel pool, ❶❷,000 baht a month."),
    # A Zawgyi sentence or line inside a Unicode Burmese ad is converted on its own; short Unicode sentences that the
    # detector alone would call Zawgyi ("နေစရာ စားစရာ အခမဲ့။") are left as they are.
    ("my", "ဟိုတယ်တွင် အိပ်ခန်းသန့်ရှင်းရေး ဝန်ထမ်း ၄ ဦး လိုအပ်သည်။ ရုံးချိန် ၈ နာရီ။\n"
     "အလုပ္ရွင္က ႏိုင္ငံကူးလက္မွတ္ကို သိမ္းထားမည္။", "documents_kept",
     "ဟိုတယ်တွင် အိပ်ခန်းသန့်ရှင်းရေး ဝန်ထမ်း ၄ ဦး လိုအပ်သည်။\nနေစရာ စားစရာ အခမဲ့။\nနိုင်ငံကူးလက်မှတ်ကို ကိုယ်တိုင် ကိုင်ထားပါ။"),
    # Vietnamese typed without its marks is read even when a few words have them (a place name, a title).
    ("vi", "Tuyển phụ bếp ở Hà Nội, 7 triệu một tháng. Ho chieu cong ty giu den khi het hop dong.", "documents_kept",
     "Tuyển phụ bếp ở Hà Nội. Luong 7 trieu tra ngay mung 5, nhan vien tu cam giay to cua minh."),
    ("vi", "Cần thợ may ở Bình Dương. Phi tuyen dung 8 trieu, tru vao luong thang dau.", "recruitment_fee",
     "Cần thợ may ở Bình Dương. Cong ty khong thu phi tuyen dung, luong 8 trieu."),
    # A question and its answer are one clause ("Passport? The boss keeps it"); a bare answer denies it ("Fee? None").
    ("en", "Cleaners for an office tower. Passport? The supervisor keeps it until the contract ends.", "documents_kept",
     "Cleaners for an office tower. Passport? You hold it yourself at all times."),
    ("en", "Want to quit before the contract ends? Then you pay a 30,000 baht fine.", "resignation_penalty",
     "Want to quit before the contract ends? Just give a month of notice."),
    ("th", "รับแม่บ้าน ค่าหัวคิว? มี 8,000 บาท จ่ายก่อนเริ่มงาน", "recruitment_fee", "รับแม่บ้าน ค่าหัวคิว? ไม่มี"),
    ("th", "รับพนักงานล้างจาน หนังสือเดินทาง? นายจ้างเก็บไว้จนครบสัญญา", "documents_kept",
     "รับพนักงานล้างจาน หนังสือเดินทาง? พนักงานเก็บไว้เอง"),
    ("lo", "ຮັບພະນັກງານລ້າງຈານ ພາສປອດ? ນາຍຈ້າງເກັບໄວ້ຈົນໝົດສັນຍາ", "documents_kept",
     "ຮັບພະນັກງານລ້າງຈານ ພາສປອດ? ພະນັກງານເກັບໄວ້ເອງ"),
    ("km", "ត្រូវការអ្នកលាងចាន។ លិខិតឆ្លងដែន? ថៅកែរក្សាទុករហូតដល់ចប់កិច្ចសន្យា។", "documents_kept",
     "ត្រូវការអ្នកលាងចាន។ លិខិតឆ្លងដែន? បុគ្គលិកកាន់ខ្លួនឯង។"),
    ("my", "ပန်းကန်ဆေး ဝန်ထမ်း လိုအပ်သည်။ ပတ်စပို့? အလုပ်ရှင်က စာချုပ်ပြီးသည်အထိ သိမ်းထားမည်။", "documents_kept",
     "ပန်းကန်ဆေး ဝန်ထမ်း လိုအပ်သည်။ ပတ်စပို့? ကိုယ်တိုင် ကိုင်ထားပါ။"),
    ("vi", "Cần người rửa bát. Hộ chiếu? Công ty giữ đến hết hợp đồng.", "documents_kept",
     "Cần người rửa bát. Hộ chiếu? Nhân viên tự cầm, công ty chỉ chụp bản sao."),
    ("vi", "Cần người rửa bát. Phí môi giới? Có, 5 triệu nộp trước khi đi.", "recruitment_fee",
     "Cần người rửa bát. Phí môi giới? Không có."),
    # A reassurance is no denial: "no need to carry it", "zero worries", "không lo" do not reach the harm beside them.
    ("en", "Zero worries: the supervisor keeps your passport until the contract ends.", "documents_kept",
     "Zero worries about papers: we never keep your passport."),
    ("en", "No need to carry your passport on site, the supervisor keeps it until the contract ends.", "documents_kept",
     "No need to bring your passport to the interview; you keep it with you at all times."),
    ("th", "ไม่ต้องพกพาสปอร์ตไปทำงาน หัวหน้างานเก็บไว้ให้จนครบสัญญา", "documents_kept",
     "ไม่ต้องพกพาสปอร์ตมาสัมภาษณ์ เก็บไว้กับตัวคุณเองได้เลย"),
    ("lo", "ບໍ່ຕ້ອງພົກພາສປອດໄປເຮັດວຽກ ຫົວໜ້າເກັບໄວ້ໃຫ້ຈົນໝົດສັນຍາ", "documents_kept",
     "ບໍ່ຕ້ອງພົກພາສປອດມາສຳພາດ ເຈົ້າເກັບໄວ້ເອງໄດ້"),
    ("km", "មិនបាច់យកលិខិតឆ្លងដែនតាមខ្លួនទេ ថៅកែរក្សាទុកឱ្យរហូតដល់ចប់កិច្ចសន្យា។", "documents_kept",
     "មិនចាំបាច់យកលិខិតឆ្លងដែនតាមខ្លួនទេ អ្នកទុកវានៅផ្ទះបាន។"),
    ("vi", "Không lo mất giấy tờ vì công ty giữ hộ chiếu đến hết hợp đồng.", "documents_kept",
     "Không lo mất giấy tờ, công ty không giữ hộ chiếu của bạn."),
    ("my", "ပတ်စပို့ကို အလုပ်ရှင်က သိမ်းထားမည်၊ သင် ယူစရာမလိုပါ။", "documents_kept",
     "ပတ်စပို့ ယူလာစရာမလိုပါ၊ အလုပ်ရှင်က မသိမ်းပါ။"),
    # Deposits the worker takes from customers in a rental job are the work, not a fee the worker pays.
    ("th", "รับพนักงานร้านเช่าจักรยาน ค่ามัดจำ 2,000 บาท จ่ายก่อนเริ่มงาน ไม่คืน", "recruitment_fee",
     "รับพนักงานร้านเช่าจักรยาน ดูแลสัญญาเช่า เก็บเงินมัดจำจากลูกค้า เงินเดือน 12,000 บาท"),
    ("lo", "ຮັບພະນັກງານຮ້ານເຊົ່າລົດຖີບ ເງິນມັດຈຳ 500,000 ກີບ ຈ່າຍກ່ອນເລີ່ມວຽກ", "recruitment_fee",
     "ຮັບພະນັກງານຮ້ານເຊົ່າລົດຖີບ ຮັບເງິນມັດຈຳຈາກລູກຄ້າ ເງິນເດືອນ 3,000,000 ກີບ"),
    ("km", "ជ្រើសរើសបុគ្គលិកហាងជួលកង់ ប្រាក់កក់ 50 ដុល្លារ បង់មុនចូលធ្វើការ។", "recruitment_fee",
     "ជ្រើសរើសបុគ្គលិកហាងជួលកង់ ទទួលប្រាក់កក់ពីភ្ញៀវ ប្រាក់ខែ 180 ដុល្លារ។"),
    ("vi", "Tuyển nhân viên cho thuê xe đạp, đóng tiền cọc 2 triệu trước khi đi làm.", "recruitment_fee",
     "Tuyển nhân viên cho thuê xe đạp: làm hợp đồng thuê, nhận tiền cọc từ khách, lương 6 triệu."),
    ("my", "စက်ဘီးငှားဆိုင် ဝန်ထမ်း လိုအပ်သည်၊ အလုပ်မဝင်မီ စရံငွေ ကျပ် ၁ သိန်း ပေးရမည်။", "recruitment_fee",
     "စက်ဘီးငှားဆိုင် ဝန်ထမ်း လိုအပ်သည်၊ ဖောက်သည်ထံမှ စရံငွေ လက်ခံရမည်၊ လစာ ကျပ် ၃ သိန်း။"),
    # A Khmer word is not matched inside another: យក ("take") read inside ក្រោយការ ("after the …").
    ("km", "ថៅកែយកទូរស័ព្ទរបស់បុគ្គលិករហូតដល់ចប់កិច្ចសន្យា។", "restricted_movement",
     "ជាងជួសជុលទូរស័ព្ទ ធ្វើការក្រោយការហ្វឹកហាត់ពីរសប្តាហ៍ ប្រាក់ខែ 250 ដុល្លារ។"),
    # A rule word in its ordinary sense: a bank's debit card (thẻ ghi nợ), a clerk's unpaid invoices.
    ("vi", "Công ty cho vay tiền vé máy bay, ghi nợ vào lương mỗi tháng.", "debt",
     "Giao dịch viên ngân hàng: mở tài khoản, phát hành thẻ ghi nợ cho khách."),
    ("en", "Your wages stay unpaid until the harvest is over.", "wages_withheld",
     "Accounts clerk: issue invoices and follow up unpaid invoices from customers."),
    # Fee slang: the recruiter's cut, "tea money", "thank-you money", a fee for placing you (ค่าฝากงาน).
    ("en", "Bring 8,000 baht for the agent's cut on your first day.", "recruitment_fee",
     "Barista for a café, we serve tea and coffee, 12,000 baht a month."),
    ("th", "รับพนักงานโรงงาน ค่าฝากงาน 3,000 บาท จ่ายวันแรก", "recruitment_fee",
     "รับพนักงานโรงงาน ไม่มีค่าฝากงาน เงินเดือน 12,000 บาท"),
    ("lo", "ຮັບພະນັກງານໂຮງງານ ຄ່າຝາກວຽກ 500,000 ກີບ ຈ່າຍມື້ທຳອິດ", "recruitment_fee",
     "ຮັບພະນັກງານໂຮງງານ ບໍ່ມີຄ່າຝາກວຽກ ເງິນເດືອນ 3,000,000 ກີບ"),
    ("km", "ជ្រើសរើសកម្មកររោងចក្រ លុយអរគុណ 50 ដុល្លារ បង់នៅថ្ងៃដំបូង។", "recruitment_fee",
     "ជ្រើសរើសកម្មកររោងចក្រ ប្រាក់ខែ 200 ដុល្លារ សូមអរគុណចំពោះការចាប់អារម្មណ៍។"),
    ("vi", "Tuyển công nhân, nộp tiền cảm ơn 2 triệu cho người giới thiệu.", "recruitment_fee",
     "Tuyển công nhân, lương 7 triệu. Cảm ơn bạn đã quan tâm."),
    ("my", "စက်ရုံ အလုပ်သမား လိုအပ်သည်၊ လက်ဖက်ရည်ဖိုး ကျပ် ၅ သောင်း ပေးရမည်။", "recruitment_fee",
     "လက်ဖက်ရည်ဆိုင် စားပွဲထိုး လိုအပ်သည်၊ လစာ ကျပ် ၃ သိန်း။"),
    # Going home early is leaving: the cost of it is a resignation penalty.
    ("en", "If you go home before two years, bring 40,000 baht first.", "resignation_penalty",
     "If you go home early for a family emergency, bring your leave form to HR."),
    ("th", "ถ้ากลับบ้านก่อนครบสัญญา ต้องจ่ายค่าตั๋ว 20,000 บาทคืนบริษัท", "resignation_penalty",
     "ถ้ากลับบ้านก่อนเวลา แจ้งหัวหน้างาน บริษัทคืนเงินค่าตั๋วให้"),
    ("lo", "ຖ້າກັບບ້ານກ່ອນຄົບສັນຍາ ຕ້ອງຈ່າຍຄ່າປີ້ 5,000,000 ກີບຄືນບໍລິສັດ", "resignation_penalty",
     "ຖ້າກັບບ້ານກ່ອນເວລາ ແຈ້ງຫົວໜ້າ ບໍລິສັດອອກຄ່າປີ້ໃຫ້"),
    ("km", "ប្រសិនបើទៅស្រុកវិញមុនពីរឆ្នាំ ត្រូវសងថ្លៃសំបុត្រ 500 ដុល្លារដល់ក្រុមហ៊ុន។", "resignation_penalty",
     "ប្រសិនបើទៅស្រុកវិញមុនពេលចប់កិច្ចសន្យា ក្រុមហ៊ុនបង់ថ្លៃសំបុត្រឱ្យ។"),
    ("vi", "Nếu về trước 3 năm, phải gửi lại công ty 60 triệu tiền vé.", "resignation_penalty",
     "Nếu về quê trước Tết, công ty trả lại đủ lương tháng."),
    # Keeping verbs and short forms for a passport: locked up, in the boss's safe, "stays with" the employer,
    # เล่มพาส / ປຶ້ມພາສ, Vietnamese "hc … cty cầm".
    ("en", "The office locks up every worker's passport until the contract ends.", "documents_kept",
     "Lock your passport in your own locker; nobody else has the key."),
    ("en", "Your passport goes into the supervisor's safe on day one.", "documents_kept",
     "You can keep your passport in a locker in your room."),
    ("th", "เล่มพาสอยู่ที่เถ้าแก่จนครบสัญญา", "documents_kept", "เล่มพาสอยู่กับตัวคุณตลอด"),
    ("lo", "ປຶ້ມພາສຢູ່ນຳເຖົ້າແກ່ຈົນຄົບສັນຍາ", "documents_kept", "ປຶ້ມພາສຢູ່ນຳທ່ານເອງ"),
    ("km", "លិខិតឆ្លងដែននៅជាមួយមេការរហូតចប់កិច្ចសន្យា។", "documents_kept", "លិខិតឆ្លងដែននៅជាមួយអ្នកផ្ទាល់។"),
    ("vi", "hc cty cầm đến hết hợp đồng, đi đâu phải xin.", "documents_kept",
     "Hộ chiếu bạn tự cầm, công ty không giữ."),
    # Scam-compound places the lists did not name (O'Smach, Chong Jom, Chrey Thom, Kings Romans, Kampong Som).
    ("en", "Chat support staff in Chrey Thom, 1,500 USD a month, no experience needed, age 18-30.", "scam_compound",
     "Housekeeper for a guesthouse in O'Smach, 250 USD a month, meals included, apply at the front desk."),
    ("th", "รับพนักงานแชทที่โอเสม็ด เงินเดือน 50,000 บาท ไม่ต้องมีประสบการณ์ อายุ 18-30 ปี มีรถรับที่ด่านช่องจอม",
     "scam_compound",
     "รับแม่ครัวร้านอาหารใกล้ด่านช่องจอม เงินเดือน 12,000 บาท สมัครที่ร้าน"),
    ("lo", "ຮັບພະນັກງານແຊັດຢູ່ເຂດຄິງໂຣມັນ ເງິນເດືອນ 1,500 ໂດລາ ບໍ່ຕ້ອງມີປະສົບການ ອາຍຸ 18-30 ປີ",
     "scam_compound", "ຮັບແມ່ຄົວຮ້ານອາຫານໃນເມືອງຫ້ວຍຊາຍ ເງິນເດືອນ 3,000,000 ກີບ ສະໝັກຢູ່ຮ້ານ"),
    # Task scams in other words: stars and happy comments paid per piece, and your own money put in first.
    ("en", "Work from your phone: give five stars and write happy comments on shop pages, 40 baht per comment. "
     "Later rounds ask you to add your own money first.", "task_scam",
     "Hotel front desk: answer guests' comments on booking sites, 15,000 baht a month."),
    ("th", "งานออนไลน์ ให้ดาวร้านค้าในแอป รีวิวละ 30 บาท ต้องโอนเงินตัวเองเข้าไปก่อนรอบถัดไป", "task_scam",
     "รับพนักงานโรงแรม 4 ดาว ตอบรีวิวลูกค้า เงินเดือน 15,000 บาท"),
    ("lo", "ວຽກອອນລາຍ ກົດດາວ ແລະ ຂຽນຄຳຊົມຮ້ານຄ້າ ຄຳຊົມລະ 5,000 ກີບ ຕ້ອງໂອນເງິນຂອງຕົນເອງເຂົ້າກ່ອນ", "task_scam",
     "ຮັບພະນັກງານໂຮງແຮມ 4 ດາວ ເງິນເດືອນ 3,000,000 ກີບ"),
    ("km", "ការងារអនឡាញ ដាក់ផ្កាយឱ្យហាង ផ្កាយម្តង 1 ដុល្លារ ត្រូវផ្ទេរលុយខ្លួនឯងចូលមុន។", "task_scam",
     "ជ្រើសរើសបុគ្គលិកសណ្ឋាគារ 4 ផ្កាយ ប្រាក់ខែ 250 ដុល្លារ។"),
    ("vi", "Việc online: chấm sao và viết đánh giá khen shop trên app, phải chuyển tiền của mình vào trước.",
     "task_scam", "Tuyển giáo viên: chấm điểm bài kiểm tra mỗi ngày, lương 9 triệu."),
    ("my", "အွန်လိုင်း အလုပ် ဆိုင်တွေကို ကြယ်ပေးရမယ်၊ ကိုယ့်ငွေကို အရင်လွှဲထည့်ရမယ်။", "task_scam",
     "ကြယ်လေးပွင့် ဟိုတယ်တွင် ဧည့်ကြိုဝန်ထမ်း လိုအပ်သည်။"),
    # No phone signal is the work's place, not isolation, when the team is given radios for it.
    ("vi", "Trang trại trên núi không có sóng điện thoại, chỉ công ty liên lạc với gia đình bạn.", "isolation",
     "Tuần tra rừng: trong rừng không có sóng điện thoại nên mỗi người được phát bộ đàm."),
    ("lo", "ບ່ອນເຮັດວຽກບໍ່ມີສັນຍານໂທລະສັບ ລົດເຂົ້າອອກສາມເດືອນເທື່ອດຽວ", "isolation",
     "ລາດຕະເວນປ່າ ໃນປ່າບໍ່ມີສັນຍານໂທລະສັບ ທີມມີວິທະຍຸສື່ສານ"),
    ("en", "There is no phone signal at the camp and a boat comes only every three months.", "isolation",
     "Forest patrol: there is no phone signal in the reserve, so every ranger carries a two-way radio."),
    # Handling the company's documents is the job itself (filing clerks, a courier to the bank, ticket collectors).
    ("th", "นายจ้างเก็บเอกสารประจำตัวของคนงานไว้จนครบสัญญา", "documents_kept",
     "รับพนักงานธุรการ ดูแลงานจัดเก็บเอกสารของบริษัท สแกนเข้าระบบ"),
    ("th", "บริษัทเก็บบัตรประชาชนของพนักงานไว้ตลอดสัญญา", "documents_kept",
     "โรงหนังรับพนักงานพาร์ทไทม์ ตรวจและเก็บบัตรเข้าชมหน้าโรง"),
    ("lo", "ນາຍຈ້າງເກັບເອກະສານຂອງທ່ານໄວ້ຈົນໝົດສັນຍາ", "documents_kept",
     "ຮັບພະນັກງານທຸລະການ ຈັດເກັບເອກະສານຂອງບໍລິສັດໃຫ້ເປັນລະບົບ"),
    ("vi", "Công ty giữ giấy tờ tùy thân của bạn đến hết hợp đồng.", "documents_kept",
     "Nhân viên văn thư: lưu giữ giấy tờ, hồ sơ của công ty theo quy định."),
    ("my", "အလုပ်ရှင်က သင့်စာရွက်စာတမ်းများကို စာချုပ်ပြီးသည်အထိ ထိန်းသိမ်းထားမည်။", "documents_kept",
     "ရုံးစာရွက်စာတမ်းများကို စနစ်တကျ ထိန်းသိမ်းရမည်၊ စကင်ဖတ်ရမည်။"),
    ("km", "ថៅកែយកឯកសាររបស់បុគ្គលិករហូតចប់កិច្ចសន្យា។", "documents_kept",
     "ក្រុមហ៊ុនគណនេយ្យ ជ្រើសរើសអ្នកដឹកជញ្ជូន យកឯកសារទៅធនាគារ និងក្រសួងពន្ធដារ ប្រាក់ខែ 280 ដុល្លារ។"),
    # A rule word in its ordinary sense: bonds traded, penalty kicks practised, a barber's pay per head, cutting hair
    # or cloth (ဖြတ်, កាត់ also mean "deduct"), "holders of a work permit preferred".
    ("en", "Pay a 20,000 baht bond before you start; it is kept if you leave.", "recruitment_fee",
     "Market analyst: follow corporate and government bonds and write the daily market note."),
    ("en", "Leaving before the contract ends carries a 30,000 baht penalty.", "resignation_penalty",
     "Youth football coach: warm-ups, passing drills and penalty kicks on Saturdays."),
    ("th", "ค่าหัวคิว 15,000 บาท จ่ายก่อนเดินทาง", "recruitment_fee",
     "รับช่างตัดผม รายได้ค่าหัวละ 100 บาท บวกเงินประกันรายได้"),
    ("my", "လက်မှတ်ခကို လစာမှ လစဉ် ဖြတ်မည်။", "debt", "ဆံပင်ဖြတ်ဆရာ လိုအပ်သည်၊ လစာနှင့် ဆံပင်ဖြတ်ခ ကော်မရှင်။"),
    ("km", "ថ្លៃសំបុត្រនឹងកាត់ពីប្រាក់ខែរៀងរាល់ខែ។", "debt",
     "ជ្រើសរើសជាងកាត់ក្រណាត់ មានបទពិសោធន៍កាត់ក្រណាត់ ប្រាក់ខែ 250 ដុល្លារ។"),
    ("my", "အလုပ်ရှင်က အလုပ်ပါမစ်ကို သိမ်းထားမည်။", "documents_kept",
     "ယာဉ်မောင်းလိုင်စင်နှင့် အလုပ်ပါမစ် ထားရှိသူ ဦးစားပေး။"),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", ATTACK_RULES_AWARE,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(ATTACK_RULES_AWARE)])
def test_rules_aware_attack_classes_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive,
                                                                                         indicator, honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


# The kinds of batch bl's deceptive ads the rules published (they held nothing of them), in the languages they were
# seen in, each beside an honest wording of the same subject that must publish.
BATCH_BL = [
    # The first wages paid only after months of work (two or more).
    ("th", "ค่าจ้างงวดแรกจะจ่ายหลังจากทำงานครบ 3 เดือน", "wages_withheld",
     "ค่าจ้างจ่ายทุกสิ้นเดือน ปรับเงินเดือนหลังทำงานครบ 3 เดือน"),
    # A top-up to unlock a higher task level (VIP), "returned with the commission": a fee the worker pays.
    ("en", "To unlock the VIP task level you must top up 2,000 baht first.", "recruitment_fee",
     "Cashier: sell mobile top-up cards and SIM cards, 12,000 baht a month."),
    ("th", "ต้องเติมเงิน 300 บาท เพื่อปลดล็อกภารกิจระดับ VIP", "recruitment_fee",
     "ใครชวนให้ 'เติมเงินเพื่อปลดล็อกงาน' ไม่ใช่บริษัทเรา"),
    ("vi", "Nhiệm vụ cấp VIP yêu cầu nạp 3 triệu, hoàn lại kèm hoa hồng.", "recruitment_fee",
     "Nhân viên bán thẻ nạp điện thoại tại cửa hàng, lương 7 triệu."),
    ("km", "ត្រូវដាក់ប្រាក់ ៣០ ដុល្លារ ដើម្បីដោះសោភារកិច្ចកម្រិត VIP", "recruitment_fee",
     "បុគ្គលិកលក់កាតបញ្ចូលលុយទូរស័ព្ទ នៅហាង"),
    ("lo", "ຕ້ອງເຕີມເງິນ 200,000 ກີບ ເພື່ອຍົກລະດັບບັນຊີ VIP", "recruitment_fee",
     "ພະນັກງານຂາຍບັດເຕີມເງິນ ຢູ່ຮ້ານ ເງິນເດືອນ 2,500,000 ກີບ"),
    # A fee named for a promise ("commitment fee not to quit"): its "không" is no answer "none".
    ("vi", "Mỗi bạn chuyển 500 nghìn phí cam kết không bỏ việc.", "recruitment_fee", "Phí môi giới: không."),
    # "Fee:" with the items and an amount, paid before starting.
    ("vi", "Phí: hồ sơ, áo đồng phục 900.000đ, nộp trước khi nhận việc.", "recruitment_fee",
     "Chi phí: công ty chịu toàn bộ, người lao động không đóng gì."),
    # A Khmer charge per person, and an amount paid up front at registration.
    ("km", "ថ្លៃសេវា ៥០០ ដុល្លារ ក្នុងម្នាក់។", "recruitment_fee", "ថ្លៃសេវា៖ គ្មាន។"),
    ("km", "បង់មុន ២០០ ដុល្លារ ពេលចុះឈ្មោះ", "recruitment_fee", "មិនបាច់បង់លុយមុនទេ"),
    # Burmese fees in stages: a registration fee, the costs paid at once, the rest before leaving.
    ("my", "မှတ်ပုံတင်ကြေး ၃ သိန်း ပေးရမည်။", "recruitment_fee", "ကုန်ကျစရိတ် အားလုံး ကုမ္ပဏီက ကျခံသည်။"),
    ("my", "ကုန်ကျစရိတ် ကျပ် ၅၀ သိန်း တစ်ခါတည်း ပေးရမည်။", "recruitment_fee", "မှတ်ပုံတင်ကတ် မိတ္တူ ယူလာပါ။"),
    # The job, its place or its details told only on arrival.
    ("en", "The site address will be told in the van.", "vague_promise",
     "The site address is 14 Moo 3, Surat Thani; we meet at the gate."),
    ("vi", "Công việc cụ thể trao đổi khi đến nơi.", "vague_promise", "Công việc cụ thể: phục vụ bàn, ca sáng."),
    ("my", "အလုပ်နေရာကို ရောက်မှ ခွဲဝေပေးမည်။", "vague_promise", "အလုပ်နေရာ - ရန်ကုန် လှိုင်သာယာ စက်မှုဇုန်။"),
    # A lure without a named place: the company arranges all the travel, young, no experience, high pay, online.
    ("vi", "Làm game ở chi nhánh nước ngoài, công ty lo toàn bộ thủ tục đi lại, 18–28 tuổi, không cần kinh nghiệm, "
     "lương 25 triệu, chỉ cần mang theo CCCD.", "scam_compound",
     "Lễ tân khách sạn tại Đà Nẵng, 18–28 tuổi, lương 8 triệu, nộp hồ sơ trực tiếp."),
    # Going out only with the manager; movement only inside a district, the broker told first.
    ("vi", "Ra ngoài mua sắm luôn có anh quản lý đưa đón.", "restricted_movement",
     "Ngày nghỉ ra ngoài tự do, công ty có xe đưa đón đi làm."),
    ("my", "စာရွက်ပါ ခရိုင်အတွင်းမှာသာ သွားလာရမည်၊ အပြင်သွားလိုလျှင် ပွဲစားကို အရင်ပြောရမည်။", "restricted_movement",
     "နားရက်တွင် မြို့ထဲ လွတ်လပ်စွာ သွားလာနိုင်သည်။"),
    # Days off and the phone only as the employer decides; no phone needed, the family called for you.
    ("lo", "ບໍ່ຈຳເປັນຕ້ອງເອົາມືຖືມາ ເຈົ້າຂອງເຮືອນຈະໂທຫາທາງບ້ານໃຫ້", "isolation", "ເອົາມືຖືມາໃຊ້ໄດ້ຕອນພັກ"),
    # A Burmese "if you cannot pay" is a condition, not a denial.
    ("my", "စာချုပ် မပြည့်မီ ထွက်လျှင် လျော်ကြေး ပေးရမည်၊ မပေးနိုင်ပါက လစာမှ ဖြတ်တောက်မည်။", "resignation_penalty",
     "အလုပ်ထွက်လိုလျှင် လျော်ကြေး မပေးရပါ။"),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", BATCH_BL,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(BATCH_BL)])
def test_batch_bl_kinds_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive, indicator, honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


# The indicator classes batch bl's deceptive ads showed and the rules did not read (or read only in part).
BATCH_BL_UNREAD = [
    # Look-alike symbols doubled or at a word's end ("pa$$port", "r00m", "Zal0").
    ("en", "Our HR keeps your pa$$port until the contract ends.", "documents_kept", "You keep your own pa$$port."),
    ("km", "ក្រុមហ៊ុន រក្សាទុក pa$$port របស់អ្នក រហូតចប់កិច្ចសន្យា", "documents_kept",
     "អ្នក រក្សាទុក pa$$port ដោយខ្លួនឯង"),
    ("vi", "Liên hệ Zal0 trưởng nhóm để nhận việc, không nhắn ở đây.", "off_platform",
     "Hỏi thêm qua Zal0 của cửa hàng."),
    # An emoji that opens a list item ends what a "free" in the item before it reaches.
    ("lo", "🍚 ອາຫານ ຟຣີ 📄 ບໍລິສັດ ເກັບ ພາສປອດ ໄວ້ ຈົນ ໝົດ ສັນຍາ", "documents_kept",
     "🍚 ອາຫານ ຟຣີ 📄 ພາສປອດ ທ່ານ ຖື ໄວ້ ເອງ"),
    # Leaving the site, or days off, only after the first months.
    ("en", "Leave from the site is given after the first 3 months.", "restricted_movement",
     "Annual leave is given after the first 3 months of service."),
    ("en", "Rest day: one day a month after the first 6 months.", "isolation",
     "4 days off per month; social insurance after 2 months."),
    ("my", "ပိတ်ရက်ကို ၃ လပြည့်ပြီးမှ ညှိနှိုင်းမည်။", "isolation", "တစ်ပတ်လျှင် ပိတ်ရက် ၁ ရက် ရှိသည်။"),
    ("en", "Handphone only on rest day.", "isolation", "Rest day every Sunday; bring your own phone."),
    ("vi", "Người giúp việc dùng điện thoại vào tối Chủ nhật.", "isolation",
     "Người giúp việc được dùng điện thoại tự do ngoài giờ làm."),
    ("vi", "Nghỉ phép về quê theo sắp xếp của gia chủ, thường là dịp Tết.", "isolation",
     "Nghỉ phép năm 12 ngày, chủ nhật nghỉ."),
    ("km", "ថ្ងៃឈប់សម្រាក អាស្រ័យលើការយល់ព្រមរបស់ម្ចាស់ផ្ទះ", "isolation", "ឈប់សម្រាក ១ ថ្ងៃ ក្នុងមួយសប្តាហ៍"),
    # A fishing trip of many months, the boat rarely in port.
    ("vi", "Chuyến biển kéo dài 10 tháng, tàu ít khi cập cảng.", "isolation", "Chuyến biển 5 ngày, về bờ nghỉ 2 ngày."),
    # Shopping trips with the team leader; no moving to another kiln until repaid.
    ("en", "Shopping trips are organised every two weeks with your team leader.", "restricted_movement",
     "Free to go shopping on your days off."),
    ("km", "គ្រួសារដែលជំពាក់ មិនអាចប្តូរទៅឡផ្សេងបានទេ", "restricted_movement",
     "អ្នកអាចប្តូរទៅធ្វើការនៅកន្លែងផ្សេងបាន"),
    # Leaving early: "if not complete" (Thai) is no denial; the deposit not given back (Khmer).
    ("th", "ถ้าทำไม่ครบ 1 ปี ต้องคืนค่าชุด 5,000 บาท", "resignation_penalty", "ลาออกได้ตลอด ไม่มีค่าปรับ"),
    ("km", "អ្នកឈប់មុនកំណត់ នឹងមិនបានប្រាក់ធានាវិញទេ", "resignation_penalty",
     "អ្នកឈប់ការងារ ដោយជូនដំណឹងមុន ៣០ ថ្ងៃ បានប្រាក់ខែគ្រប់"),
    # Costs advanced and "returned" through a contribution from the salary.
    ("en", "Your flight is advanced by us and you return it through a monthly contribution from your salary.",
     "debt", "Your flight is paid by us and never taken from your salary."),
    # A line of dashes ends a clause: social security above it does not make the fee below it ordinary.
    ("th", "สวัสดิการ: ประกันสังคม ชุดยูนิฟอร์ม ----- ค่าเอกสาร 3,000 บาท หักจากเงินเดือน 3 งวด", "debt",
     "สวัสดิการ: ประกันสังคม ----- หักประกันสังคมจากเงินเดือนตามกฎหมาย"),
    # Digits spaced one by one, and a zero for an O ("0nline").
    ("th", "งาน 0nline ฝั่งเมียวดี ร า ย ไ ด้ 5 0 , 0 0 0 ต่อเดือน ไม่ต้องมีประสบการณ์ ทักเทเลแกรม @job_mw",
     "scam_compound",
     "งานร้านกาแฟ แม่สอด รายได้ 1 2 , 0 0 0 ต่อเดือน สมัครที่ร้าน"),
    # Tasks received and orders "pushed" for a commission.
    ("vi", "Nhận nhiệm vụ đẩy đơn cho shop, hoa hồng 20% mỗi đơn.", "task_scam",
     "Nhân viên kho nhận đơn hàng, đóng gói, lương 7 triệu."),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", BATCH_BL_UNREAD,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(BATCH_BL_UNREAD)])
def test_batch_bl_unread_classes_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive, indicator,
                                                                                      honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


# Classes the development set labels in its older batches and the rules did not name, read for the indicators-found
# share after batch bl: a phone held by someone else also cuts the worker off from family (isolation, beside
# restricted movement), and a Burmese "working hours" (အလုပ်ချိန်) is no wage (လုပ်ခ).
INDICATORS_READ_AFTER_BL = [
    ("en", "Your mobile phone is kept by the supervisor on working days.", "isolation",
     "Keep your own phone with you; call home whenever you like."),
    ("my", "ဖုန်းကို အလုပ်ချိန်တွင် မန်နေဂျာက ထိန်းထားမည်။", "isolation", "ဖုန်းကို ကိုယ်တိုင် ကိုင်ထားနိုင်သည်။"),
    ("km", "ទូរស័ព្ទ ត្រូវ ប្រគល់ ឱ្យ មេការ រក្សាទុក ពេលធ្វើការ", "isolation", "អ្នក កាន់ ទូរស័ព្ទ ដោយខ្លួនឯង"),
    ("vi", "Điện thoại nộp cho quản lý giữ trong giờ làm.", "isolation", "Nhân viên tự giữ điện thoại của mình."),
    ("th", "หัวหน้าเก็บโทรศัพท์ไว้ตลอดเวลาทำงาน", "isolation", "พนักงานเก็บโทรศัพท์ไว้เอง"),
    ("lo", "ຫົວໜ້າ ເກັບ ໂທລະສັບ ໄວ້ ໃນ ເວລາ ເຮັດວຽກ", "isolation", "ທ່ານ ຖື ໂທລະສັບ ໄວ້ ເອງ"),
    ("my", "လုပ်ခကို ဆိုင်ရှင်က သိမ်းထားပြီး ပြန်မှ ပေးမည်။", "wages_withheld",
     "အလုပ်ချိန်ဇယားကို ရုံးတွင် သိမ်းထားသည်။"),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", INDICATORS_READ_AFTER_BL,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(INDICATORS_READ_AFTER_BL)])
def test_indicators_read_after_batch_bl_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive,
                                                                                             indicator, honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


def test_a_short_unicode_burmese_sentence_is_not_converted_as_zawgyi():
    text = "စားပွဲထိုး ၃ ဦး လိုအပ်သည်။ နေစရာ စားစရာ အခမဲ့။"
    assert screening.canonical(text) == "စားပွဲထိုး 3 ဦး လိုအပ်သည်။ နေစရာ စားစရာ အခမဲ့။"


# Classes the development set's older batches (bl, and the rules-aware attacker's) still showed unread, read in every
# language they were seen in: harms in plain words (all the pay in one go when the boat is back or the season ends,
# a little money drawn "in the meantime"), …
UNREAD_BL = [
    # All the pay in one go, when the boat is back in port or the season, trip or contract ends.
    ("en", "Wages: the skipper settles everything on one day, once we are back in port.", "wages_withheld",
     "Wages are paid on one day each month, the 25th; the trawler returns to port every week."),
    ("en", "Your whole pay comes on a single day, when the trawler returns to shore.", "wages_withheld",
     "Salary paid every month by bank transfer; the season ends in October."),
    ("th", "ค่าแรงรับก้อนเดียวตอนเรือกลับเข้าท่า", "wages_withheld", "ค่าแรงจ่ายวันเดียวคือวันที่ 25 ของทุกเดือน"),
    ("vi", "Lương nhận một cục khi cập cảng.", "wages_withheld",
     "Lương nhận một lần mỗi tháng, tàu cập cảng mỗi tuần."),
    ("km", "ប្រាក់ឈ្នួល បើកមួយដុំ ពេលទូកមកដល់ផែ", "wages_withheld", "ប្រាក់ខែបើករៀងរាល់ខែ ចប់រដូវមានប្រាក់រង្វាន់"),
    ("lo", "ຄ່າແຮງໄດ້ຮັບມື້ດຽວ ຕອນເຮືອເຂົ້າທ່າ", "wages_withheld", "ເງິນເດືອນຈ່າຍທຸກທ້າຍເດືອນ ໝົດສັນຍາຕໍ່ໄດ້"),
    ("my", "လုပ်ခကို လှေပြန်ဝင်မှ တစ်နေ့တည်း ပေးမည်။", "wages_withheld",
     "လစာကို လစဉ် ပေးသည်၊ စာချုပ်ပြီးလျှင် ဆက်လုပ်နိုင်သည်။"),
    # A little money drawn "in the meantime": the wages themselves are kept.
    ("en", "In the meantime you may draw 300 baht a week for food.", "wages_withheld",
     "Meals are free in the meantime, and wages are paid every Friday."),
    ("th", "ระหว่างนั้นเบิกค่ากินได้อาทิตย์ละ 300 บาท", "wages_withheld",
     "ระหว่างนั้นมีอาหารฟรี ค่าแรงจ่ายทุกวันศุกร์"),
    # Kept inside the fence or the farm for the whole season; out of it only once the season or contract ends.
    ("en", "For the whole harvest the pickers stay inside the fence; the van to town is once a month.",
     "restricted_movement", "Staff live within the walls of the old town, 5 minutes from the hotel."),
    ("en", "Nobody steps off the farm until the harvest is over.", "restricted_movement",
     "You may leave the farm after work; the contract runs until the season ends."),
    ("th", "คนงานอยู่แต่ในสวนตลอดฤดู ของใช้ฝากหัวหน้าซื้อ", "restricted_movement",
     "คนงานพักในสวน วันหยุดออกไปตลาดได้เอง"),
    ("th", "ออกจากไซต์ได้ก็ต่อเมื่อหมดฤดูถึงจะออกได้", "restricted_movement", "คนงานพักในสวน วันหยุดออกไปตลาดได้เอง"),
    ("lo", "ຄົນງານຢູ່ແຕ່ໃນຟາມ ຕະຫຼອດລະດູ", "restricted_movement", "ຄົນງານພັກໃນຟາມ ມື້ພັກອອກໄປຕະຫຼາດໄດ້"),
    ("lo", "ໝົດສັນຍາຈຶ່ງອອກຈາກໂຮງງານໄດ້", "restricted_movement", "ຄົນງານພັກໃນຟາມ ມື້ພັກອອກໄປຕະຫຼາດໄດ້"),
    ("km", "កម្មករនៅតែក្នុងចម្ការ ពេញមួយរដូវ", "restricted_movement",
     "កម្មករស្នាក់នៅក្នុងចម្ការ ថ្ងៃឈប់ចេញទៅផ្សារបានដោយសេរី"),
    ("km", "ចប់រដូវទើបចេញពីកសិដ្ឋានបាន", "restricted_movement",
     "កម្មករស្នាក់នៅក្នុងចម្ការ ថ្ងៃឈប់ចេញទៅផ្សារបានដោយសេរី"),
    ("my", "ရာသီတစ်လျှောက် ဝင်းထဲမှာသာ နေရမည်။", "restricted_movement",
     "အဆောင်သည် စက်ရုံထဲမှာ ရှိပြီး ပိတ်ရက်တွင် အပြင်သွားနိုင်သည်။"),
    ("my", "စာချုပ်ပြီးမှ စက်ရုံအပြင် ထွက်ခွင့်ရမည်။", "restricted_movement",
     "အဆောင်သည် စက်ရုံထဲမှာ ရှိပြီး ပိတ်ရက်တွင် အပြင်သွားနိုင်သည်။"),
    ("vi", "Cả vụ công nhân chỉ ở trong vựa, cần gì nhờ tổ trưởng mua.", "restricted_movement",
     "Công nhân ở trong khu nhà trọ của xưởng, ngày nghỉ tự do đi chơi."),
    ("vi", "Hết mùa mới được ra khỏi trại.", "restricted_movement",
     "Công nhân ở trong khu nhà trọ của xưởng, ngày nghỉ tự do đi chơi."),
    ("vi", "Muốn ra phố thì chờ cuối tháng, có tổ trưởng đi theo.", "restricted_movement",
     "Công nhân ở trong khu nhà trọ của xưởng, ngày nghỉ tự do đi chơi."),
    # Rest only on one or two holidays a year, every other day worked; a phone signal only up on a hill.
    ("en", "Days off: New Year and the water festival; every other day of the year is a working day.", "isolation",
     "Two days off a week; the site has good phone signal at the office."),
    ("en", "Phones get a signal only at the top of the hill behind the barn.", "isolation",
     "We have signal only at the reception desk, wifi in every room."),
    ("th", "หยุดเฉพาะวันตรุษจีน วันอื่นๆ ทำงานทุกวัน", "isolation", "หยุดสัปดาห์ละ 1 วัน มือถือมีสัญญาณดีทั้งฟาร์ม"),
    ("th", "มือถือมีสัญญาณแค่บนเนินหลังโรงเก็บ", "isolation", "หยุดสัปดาห์ละ 1 วัน มือถือมีสัญญาณดีทั้งฟาร์ม"),
    ("lo", "ພັກແຕ່ບຸນປີໃໝ່ ມື້ອື່ນເຮັດວຽກທຸກມື້", "isolation", "ພັກອາທິດລະ 1 ມື້ ມີສັນຍານໂທລະສັບທົ່ວຟາມ"),
    ("lo", "ມືຖືມີສັນຍານແຕ່ເທິງພູ", "isolation", "ພັກອາທິດລະ 1 ມື້ ມີສັນຍານໂທລະສັບທົ່ວຟາມ"),
    ("km", "ឈប់តែចូលឆ្នាំ ថ្ងៃផ្សេងធ្វើការរាល់ថ្ងៃ", "isolation", "ឈប់សម្រាកមួយថ្ងៃក្នុងមួយសប្តាហ៍ មានសេវាទូរស័ព្ទល្អ"),
    ("km", "ទូរស័ព្ទមានសេវាបានតែលើទួលខាងក្រោយ", "isolation", "ឈប់សម្រាកមួយថ្ងៃក្នុងមួយសប្តាហ៍ មានសេវាទូរស័ព្ទល្អ"),
    ("my", "သင်္ကြန်မှာပဲ နားမယ်၊ ကျန်တဲ့ရက်တွေ အကုန် အလုပ်ဆင်းရမယ်။", "isolation",
     "တစ်ပတ် တစ်ရက် နားရက်ရှိပြီး ဖုန်းလိုင်း ကောင်းသည်။"),
    ("my", "ဖုန်းက တောင်ကုန်းပေါ်မှာပဲ လိုင်းမိတယ်။", "isolation",
     "တစ်ပတ် တစ်ရက် နားရက်ရှိပြီး ဖုန်းလိုင်း ကောင်းသည်။"),
    ("vi", "Chỉ nghỉ Tết, còn lại làm quanh năm.", "isolation", "Nghỉ chủ nhật, sóng điện thoại tốt khắp trang trại."),
    ("vi", "Điện thoại chỉ có sóng trên đồi sau kho.", "isolation",
     "Nghỉ chủ nhật, sóng điện thoại tốt khắp trang trại."),
    # The scam compound with no travel wording: the place and the work alone (chats that talk strangers into
    # investing, young staff, beginners, eating, sleeping and working in one building).
    ("en", "Jobs in Sihanoukville: you persuade men abroad to invest on our site; beginners OK; staff eat, sleep and "
     "work in the same building.", "scam_compound",
     "Hotel front desk in Sihanoukville, English required, staff canteen in the same building. Salary $500."),
    ("vi", "Làm nhân viên chat tại Bavet, dụ khách bỏ tiền vào sàn đầu tư, tuổi từ 18 đến 28, ăn ngủ làm việc trong "
     "cùng một tòa.", "scam_compound", "Lễ tân khách sạn tại Bavet, tuổi từ 22 đến 35, có kinh nghiệm, lương 500 USD."),
    ("th", "รับพนักงานที่ปอยเปต หน้าที่ชวนให้ลงทุน มือใหม่ก็ได้ กินนอนทำงานอยู่ตึกเดียวกัน", "scam_compound",
     "รับพนักงานต้อนรับโรงแรมที่ปอยเปต มีประสบการณ์ เงินเดือน 15,000 บาท"),
    ("km", "ត្រូវការបុគ្គលិកនៅបាវិត និយាយជាមួយបុរសបរទេស បបួលគេដាក់លុយវិនិយោគ អាយុ 18 ទៅ 30 ឆ្នាំ "
     "គេងនិងធ្វើការនៅអាគារតែមួយ", "scam_compound", "ត្រូវការអ្នកទទួលភ្ញៀវសណ្ឋាគារនៅបាវិត អាយុ 20 ទៅ 35 ឆ្នាំ មានបទពិសោធន៍"),
    ("lo", "ຮັບພະນັກງານຢູ່ບໍ່ແກ້ວ ລົມກັບຜູ້ຊາຍຕ່າງປະເທດ ຊວນເຂົາລົງທຶນ ມືໃໝ່ກໍໄດ້ ເງິນເດືອນ 30,000 ບາດ "
     "ກິນນອນເຮັດວຽກຢູ່ຕຶກດຽວກັນ", "scam_compound", "ຮັບພະນັກງານຕ້ອນຮັບໂຮງແຮມຢູ່ບໍ່ແກ້ວ ມີປະສົບການ ເງິນເດືອນ 3,000,000 ກີບ"),
    ("my", "မြဝတီတွင် ဒေတာရိုက်ဝန်ထမ်း လိုသည်။ အသက် ၁၈ နှစ်ကနေ ၂၈ အထိ၊ လုပ်ဖူးစရာ မလို၊ လစာ ဒေါ်လာ ၁၀၀၀။ "
     "စား၊ အိပ်၊ အလုပ် အဆောက်အဦး တစ်ခုတည်းမှာ။", "scam_compound",
     "မြဝတီရှိ ဟိုတယ်တွင် ဧည့်ကြို လိုသည်။ အတွေ့အကြုံ ရှိရမည်။ လစာ ဘတ် ၁၂,၀၀၀။"),
    # A fee denied only for now ("nothing up front", "not at application", "no need to pay first") and taken later
    # from the wages: the denial is a shield, not an answer.
    ("en", "Placement fee: none at sign-up. After that the agent receives 1,000 baht of every month's wage.",
     "recruitment_fee", "Placement fee: none at sign-up and none after."),
    ("en", "You don't need to pay first: the broker's fee of 9,000 baht comes out of your pay over six months.",
     "recruitment_fee", "We never charge a recruitment fee, not up front and not from your pay."),
    ("th", "ค่านายหน้า ไม่ต้องจ่ายล่วงหน้า หักจากเงินเดือนเดือนละ 1,500 บาท", "recruitment_fee",
     "ค่านายหน้า ไม่เก็บทั้งตอนสมัครและหลังเริ่มงาน"),
    ("lo", "ຄ່ານາຍໜ້າ ບໍ່ຕ້ອງຈ່າຍກ່ອນ ຫັກຈາກເງິນເດືອນເດືອນລະ 1,000 ບາດ", "recruitment_fee",
     "ບໍ່ມີຄ່ານາຍໜ້າ ທັງກ່ອນ ແລະ ຫຼັງເລີ່ມວຽກ"),
    ("km", "ថ្លៃជើងសារ មិនចាំបាច់បង់មុន កាត់ពីប្រាក់ខែរៀងរាល់ខែ", "recruitment_fee",
     "គ្មានថ្លៃជើងសារ ទាំងមុន និងក្រោយចូលធ្វើការ"),
    ("vi", "Phí môi giới không thu lúc nộp hồ sơ, trừ vào lương mỗi tháng 2 triệu.", "recruitment_fee",
     "Không thu phí môi giới, kể cả trước và sau khi nhận việc."),
    ("my", "ပွဲခ လျှောက်ချိန် မယူပါ၊ လစာထဲမှ လစဉ် ဖြတ်မည်။", "recruitment_fee", "ပွဲခ မရှိပါ၊ အလုပ်ဝင်ပြီးလည်း မယူပါ။"),
    # Going home early is "allowed", once the costs are handed to the company first; an FAQ that puts one short
    # sentence between the question and its answer ("That is up to you.") keeps them one clause.
    ("en", "Want to leave before the first year is over? That is up to you. Your flight and training money then comes "
     "off your last pay.", "resignation_penalty", "Want to leave before the first year is over? That is up to you. "
     "Give one month's notice and you receive all your pay."),
    ("lo", "ຢາກອອກກ່ອນຄົບສັນຍາ ກໍໄດ້ ແຕ່ຕ້ອງເອົາຄ່າປີ້ຍົນ 20,000 ບາດ ມາໃຫ້ນາຍຈ້າງກ່ອນ", "resignation_penalty",
     "ຢາກລາອອກ ແຈ້ງລ່ວງໜ້າ 30 ມື້ ນາຍຈ້າງຈ່າຍເງິນເດືອນໃຫ້ຄົບ"),
    ("km", "ចង់ឈប់មុន ក៏បាន តែត្រូវយកលុយថ្លៃសំបុត្រ មកឱ្យថៅកែសិន", "resignation_penalty",
     "ចង់ឈប់ការងារ ជូនដំណឹងមុន ៣០ ថ្ងៃ ថៅកែបើកប្រាក់ខែឱ្យគ្រប់"),
    ("my", "စာချုပ်မတိုင်ခင် အိမ်ပြန်ချင်ရင် လေယာဉ်ခ ဘတ် 20,000 ကို သူဌေးဆီ အရင်ပေးရမယ်။", "resignation_penalty",
     "အလုပ်ထွက်လိုလျှင် တစ်လ ကြိုပြောပါ၊ လစာ အပြည့် ရမည်။"),
    # Vague promises batch bl left unread: earnings with "some even more" or "no limit", and home work any student or
    # housewife "can do" (vi).
    ("en", "Last season our pickers earned 120,000 baht each, some even more!", "vague_promise",
     "Pickers earned 40,000 baht last season; the farm pays by the kilo."),
    ("en", "Unlimited income from home!", "vague_promise",
     "Cooks earn 15,000 baht a month with no limit on overtime hours."),
    ("vi", "Làm tại nhà, học sinh, nội trợ đều làm được, lương 10 triệu.", "vague_promise",
     "Nhận sinh viên làm thêm ca tối tại quán, lương 25 nghìn/giờ."),
    # Documents with the HR office for the whole contract, borrowed back to go anywhere (th, lo, km); in the boss's
    # safe until the contract is done (my); 'no need to hold it yourself' only reassures (km); an arrow to the
    # manager (en). Costs advanced and then 'taken back' from the wages (th, lo, km, my).
    ("th", "พาสปอร์ตอยู่ที่ฝ่ายบุคคลตลอดสัญญา ใครจะใช้ต้องมาขอยืม", "documents_kept",
     "พาสปอร์ตอยู่กับตัวคุณเอง ฝ่ายบุคคลถ่ายสำเนาเก็บไว้เท่านั้น"),
    ("lo", "ພາສປອດຢູ່ນຳຫ້ອງການຕະຫຼອດສັນຍາ ຈະໃຊ້ຕ້ອງມາຂໍຢືມ", "documents_kept",
     "ພາສປອດຢູ່ນຳທ່ານເອງ ຫ້ອງການເກັບແຕ່ສຳເນົາ"),
    ("km", "លិខិតឆ្លងដែននៅផ្នែកបុគ្គលិក អ្នកណាចង់ធ្វើដំណើរត្រូវសុំខ្ចីសិន", "documents_kept",
     "លិខិតឆ្លងដែននៅជាមួយអ្នកផ្ទាល់ ការិយាល័យទុកតែច្បាប់ចម្លង"),
    ("th", "ค่ารถ 3,000 บาท ทยอยเอาคืนจากค่าแรงทุกงวด", "debt",
     "ค่ารถและค่าวีซ่า บริษัทจ่ายให้ทั้งหมด ไม่เอาคืน"),
    ("lo", "ຄ່າລົດ 3,000 ບາດ ເອົາຄືນຈາກຄ່າແຮງທຸກງວດ", "debt",
     "ຄ່າລົດ ແລະ ຄ່າວີຊາ ບໍລິສັດອອກໃຫ້ທັງໝົດ"),
    ("km", "ថ្លៃឡាន និងថ្លៃទិដ្ឋាការ ក្រុមហ៊ុនចេញមុន រួចយកមកវិញពីប្រាក់ខែ", "debt",
     "ថ្លៃឡាន និងថ្លៃទិដ្ឋាការ ក្រុមហ៊ុនចេញឱ្យទាំងអស់"),
    ("my", "ကားခ ဘတ် 3,000 ကို လုပ်ခထဲက လစဉ် ပြန်ယူမယ်။", "debt",
     "ကားခနဲ့ ဗီဇာခ ကုမ္ပဏီက အကုန် ပေးသည်။"),
    ("my", "ပတ်စပို့ကို သူဌေးရဲ့ မီးခံသေတ္တာထဲ ထားမယ်၊ စာချုပ်ပြည့်မှ ပြန်ပေးမယ်။", "documents_kept",
     "ပတ်စပို့ကို ကိုယ်တိုင် ကိုင်ထားရမည်၊ မိတ္တူသာ ရုံးတွင် ထားသည်။"),
    ("km", "មិនបាច់កាន់លិខិតឆ្លងដែនទេ ថៅកែរក្សាទុករហូតចប់កិច្ចសន្យា", "documents_kept",
     "មិនបាច់កាន់ប្រាក់ច្រើនទេ អាហារឥតគិតថ្លៃ"),
    ("en", "Passport ➡️ the manager until the contract ends.", "documents_kept",
     "Passport ➡️ you keep it, always."),
    # Honest work the attack set's false alarms showed: customers' passports handled by a travel desk (en), an
    # accountant following the company's payables to suppliers (lo).
    ("en",
     "Travel desk clerk: on arrival you hand your passport to the agency, which keeps it until your contract ends.",
     "documents_kept", "Travel desk clerk: you collect customers' passports for their visa applications and hand them "
     "back when the visas are issued."),
    ("lo", "ພະນັກງານໃໝ່ມີໜີ້ຄ້າງ ຕ້ອງເຮັດວຽກໃຊ້ໜີ້ໃຫ້ໝົດ", "debt",
     "ພະນັກງານບັນຊີ ຕິດຕາມໜີ້ຄ້າງຈ່າຍໃຫ້ຜູ້ສະໜອງ ເງິນເດືອນ 4,000,000 ກີບ"),
    # Out of the compound, farm or hotel only with a minder, a supervisor's permit or on the team leader's schedule.
    ("en", "Staff leave the hotel only with the manager's van, once a fortnight.", "restricted_movement",
     "Staff may leave the hotel after their shift; the manager's van also runs to town."),
    ("th", "ออกนอกโครงการต้องมีผู้ดูแลไปด้วยทุกครั้ง", "restricted_movement",
     "ออกนอกโครงการได้อิสระหลังเลิกงาน"),
    ("km", "ការចេញទៅផ្សារ ធ្វើតែជាមួយមេក្រុម", "restricted_movement",
     "ចេញទៅផ្សារបានដោយសេរីពេលថ្ងៃឈប់"),
    ("my", "ဝင်းမှ အပြင်ထွက်လျှင် အစောင့် လိုက်ပါရမည်။", "restricted_movement",
     "အလုပ်ချိန်ပြီးလျှင် ဝင်းမှ အပြင်ထွက် လွတ်လပ်စွာ သွားနိုင်သည်။"),
    ("lo", "ອອກໄປນອກຟາມ ຕ້ອງມີໃບອະນຸຍາດຈາກຜູ້ຄຸມ", "restricted_movement",
     "ອອກໄປນອກຟາມໄດ້ຕາມສະບາຍຫຼັງເລີກວຽກ"),
    ("vi", "Công nhân đi chợ theo lịch chung của quản lý, mỗi tháng một lần.", "restricted_movement",
     "Công nhân đi chợ tự do vào ngày nghỉ, quản lý không hạn chế."),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", UNREAD_BL,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(UNREAD_BL)])
def test_classes_left_unread_after_bl_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive,
                                                                                           indicator, honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


# Issue 27, blind batch bn (honest ads in Thai, Khmer, Lao and Burmese): each class of its false alarms in new words,
# an honest text that must publish beside a deceptive one of the same topic that must still be held.
BATCH_BN_FALSE_ALARMS = [
    # A chat app given beside applying by e-mail, at the office or shop in person, or through a named job board.
    ("th", "รายละเอียดงานและเงินเดือนทักไลน์ส่วนตัวเท่านั้น", "off_platform",
     "ส่งประวัติทางอีเมล หรือ ไลน์ hr_spa99"),
    ("th", "ส่งประวัติทาง jobbkk หรือไลน์ hr_spa99 แต่รายละเอียดเงินเดือนแจ้งทางไลน์เท่านั้น", "off_platform",
     "สมัครผ่าน jobthai หรือไลน์ hr_spa99 ก็ได้"),
    ("km", "ព័ត៌មានលម្អិតតាម telegram តែប៉ុណ្ណោះ", "off_platform", "ផ្ញើប្រវត្តិរូបតាមអ៊ីមែល ឬ telegram @shop_hr"),
    ("km", "ព័ត៌មានលម្អិតតាម telegram តែប៉ុណ្ណោះ", "off_platform", "ដាក់ពាក្យនៅហាង ឬ telegram 0xx xxx 331"),
    ("km", "ព័ត៌មានលម្អិតតាម telegram តែប៉ុណ្ណោះ", "off_platform", "ទាក់ទង telegram ឬមកជួបផ្ទាល់នៅហាង"),
    ("lo", "ລາຍລະອຽດທາງ whatsapp ເທົ່ານັ້ນ", "off_platform", "ສົ່ງ cv ທາງ email ຫຼື whatsapp 020 xx xxx 118"),
    ("lo", "ລາຍລະອຽດທາງ whatsapp ເທົ່ານັ້ນ", "off_platform", "ສະໝັກທີ່ຫ້ອງການ ຫຼື whatsapp 020 xx xxx 118"),
    ("my", "အသေးစိတ်ကို viber မှာသာ ပြောမည်", "off_platform", "ရုံး - မန္တလေး ၇၈ လမ်း / viber 09 xxx xxx 201"),
    ("my", "အသေးစိတ်ကို viber မှာသာ ပြောမည်", "off_platform", "email သို့မဟုတ် viber ဖြင့် CV ပို့ပါ"),
    ("en", "Salary details on WhatsApp only.", "off_platform", "Apply on JobsDB or WhatsApp 08x-xxx-1234."),
    # The employer says it never interviews or contacts people by a chat app (a negation right before the verb, or
    # opening a list ended by "or").
    ("th", "ไม่ต้องมาสัมภาษณ์ที่บริษัท รายละเอียดงานทักไลน์ส่วนตัว", "off_platform", "บริษัทไม่สัมภาษณ์ทางเทเลแกรม"),
    ("th", "ไม่ต้องมาสัมภาษณ์ที่บริษัท รายละเอียดงานทักไลน์ส่วนตัว", "off_platform",
     "บริษัทไม่เคยเก็บค่าสมัครหรือให้ติดต่อผ่านวอทส์แอพ"),
    ("km", "មិនចាំបាច់ដាក់ពាក្យ ព័ត៌មានលម្អិតតាម telegram តែប៉ុណ្ណោះ", "off_platform", "យើងមិនសម្ភាសន៍តាម whatsapp ទេ"),
    ("km", "មិនចាំបាច់ដាក់ពាក្យ ព័ត៌មានលម្អិតតាម telegram តែប៉ុណ្ណោះ", "off_platform", "យើងមិនទាក់ទងតាមតេឡេក្រាមទេ"),
    ("lo", "ບໍ່ຕ້ອງມາຫ້ອງການ ທັກ whatsapp 020 xx xxx 553 ເພື່ອຮັບລາຍລະອຽດ", "off_platform", "ບໍລິສັດບໍ່ສຳພາດທາງ whatsapp"),
    ("lo", "ບໍ່ຕ້ອງມາຫ້ອງການ ທັກ whatsapp 020 xx xxx 553 ເພື່ອຮັບລາຍລະອຽດ", "off_platform",
     "ບໍລິສັດບໍ່ເຄີຍຕິດຕໍ່ຜ່ານເທເລແກຣມ"),
    # A small wage advance the worker may draw, taken back on the next (weekly) payday at no interest; never with a
    # ticket or a fee in the clause. Burmese ကြိုတင်ငွေ that the worker draws or asks for is not money put down.
    ("th", "ค่าตั๋วรถ 3.000 บาท เบิกล่วงหน้าได้ หักคืนตอนจ่ายเสาร์ ไม่มีดอก", "debt",
     "เบิกเงินก่อนได้ 1.500 บาท หักคืนวันเสาร์ ไม่คิดดอกเบี้ย"),
    ("lo", "ຄ່າປີ້ລົດ 500.000 ກີບ ເບີກລ່ວງໜ້າໄດ້ ຫັກຄືນວັນເສົາ ບໍ່ມີດອກເບ້ຍ", "debt",
     "ເບີກເງິນກ່ອນໄດ້ 300.000 ກີບ ຫັກຄືນຕອນຈ່າຍເງິນວັນເສົາ ບໍ່ຄິດດອກເບ້ຍ"),
    ("my", "ကြိုတင်ငွေ ၃ သိန်း အရင်ပေးရမည်", "recruitment_fee", "ကြိုတင်ငွေ 30,000 အထိ ထုတ်ယူနိုင်သည်"),
    ("my", "ကြိုတင်ငွေ ၂ သိန်း ပေးပြီးမှ ထိုင်းသို့ ပို့မည်", "recruitment_fee",
     "ကြိုတင်ငွေ လိုအပ်ရင် ရုံးမှာ တောင်းလို့ရ"),
    # A key, uniform or room deposit given back on leaving or on handing the thing back ("คืนเมื่อลาออก", "ຄືນໄດ້",
    # "បង្វិលសងវិញពេលឈប់"); one given back only on completing the contract is still held.
    ("th", "มัดจำ 2,000 บาท คืนเมื่อลาออก ถ้าทำงานครบ 1 ปี", "recruitment_fee", "มัดจำชุดฟอร์ม 300 บาท คืนตอนคืนชุด"),
    ("th", "มัดจำ 2,000 บาท คืนเมื่อลาออกหลังครบสัญญา", "recruitment_fee", "มัดจำกุญแจหอ 300 คืนเมื่อย้ายออก"),
    ("km", "បន្ទប់ស្នាក់នៅ កក់ 1ខែ បង្វិលសងវិញ បើធ្វើការគ្រប់កិច្ចសន្យា", "debt",
     "បន្ទប់ស្នាក់នៅ កក់ 1ខែ បង្វិលសងវិញពេលឈប់"),
    ("km", "ប្រាក់កក់ 100$ បង្វិលសងវិញ លុះត្រាតែធ្វើការគ្រប់ 2ឆ្នាំ", "recruitment_fee",
     "ប្រាក់កក់ឯកសណ្ឋាន 5$ បង្វិលសងពេញ ពេលប្រគល់ឯកសណ្ឋានវិញ"),
    ("lo", "ເງິນມັດຈຳ 500.000 ກີບ ຄືນໄດ້ ຖ້າເຮັດວຽກຄົບສັນຍາ", "recruitment_fee", "ມີເງິນມັດຈຳກະແຈ ຄືນໄດ້"),
    ("lo", "ເງິນມັດຈຳ 500.000 ກີບ ຄືນໄດ້ ຖ້າເຮັດວຽກຄົບສັນຍາ", "recruitment_fee", "ມັດຈຳຊຸດ 100.000 ກີບ ຄືນເວລາອອກ"),
    # The worker's own costs of a lawful scheme (medical check, exam, course, the agency's service charge) at the rate
    # the government sets, against an official receipt; the same costs with a price and no such rate are still held.
    ("th", "ค่าอบรมและค่าตรวจสุขภาพ 25,000 บาท ผู้สมัครจ่ายเองก่อนเดินทาง", "recruitment_fee",
     "ค่าตรวจสุขภาพและค่าสมัครสอบ ผู้สมัครจ่ายเองตามประกาศกรมการจัดหางาน มีใบเสร็จทุกใบ"),
    ("th", "ค่าอบรม 25,000 บาท ผู้สมัครจ่ายเอง มีใบเสร็จ", "recruitment_fee",
     "ค่าตรวจสุขภาพและค่าสมัครสอบ ผู้สมัครจ่ายเองตามประกาศกรมการจัดหางาน มีใบเสร็จทุกใบ"),
    ("km", "បេក្ខជនបង់ខ្លួនឯង៖ ថ្លៃពិនិត្យសុខភាព និងថ្លៃរៀន 800$ មុនចេញដំណើរ", "recruitment_fee",
     "បេក្ខជនបង់ខ្លួនឯង៖ ថ្លៃពិនិត្យសុខភាព និងថ្លៃប្រឡង មានវិក្កយបត្រផ្លូវការ"),
    ("lo", "ຜູ້ສະໝັກຈ່າຍເອງ: ຄ່າບໍລິການ 8.000.000 ກີບ ກ່ອນເດີນທາງ", "recruitment_fee",
     "ຜູ້ສະໝັກຈ່າຍເອງ: ຄ່າກວດສຸຂະພາບ ແລະ ຄ່າບໍລິການຕາມລະບຽບທາງການ ມີໃບບິນ"),
    ("my", "အလုပ်သမား ကိုယ်တိုင်ပေးရမည် - ဝန်ဆောင်ခ ၁၅ သိန်း", "recruitment_fee",
     "အလုပ်သမား ကိုယ်တိုင်ပေးရမည် - ဆေးစစ်ခ နှင့် အစိုးရသတ်မှတ် ဝန်ဆောင်ခ သာ၊ ပြေစာ ပေးမည်"),
    # A list of costs written with spaces, then the employer, farm or factory that pays all of it; paid "first" and
    # taken back from the salary, or paid by the worker at the company's word, is still held.
    ("th", "ค่าวีซ่า ค่าตรวจสุขภาพ นายจ้างจ่ายให้ก่อน แล้วหักจากเงินเดือน", "recruitment_fee",
     "ค่าวีซ่า ค่าตรวจสุขภาพ สวนจ่ายทั้งหมด"),
    ("km", "ថ្លៃទិដ្ឋាការ ថ្លៃពិនិត្យសុខភាព និយោជកបង់ឱ្យមុន រួចកាត់ពីប្រាក់ខែ", "debt",
     "ថ្លៃទិដ្ឋាការ ថ្លៃពិនិត្យសុខភាព កសិដ្ឋានបង់ទាំងអស់"),
    ("lo", "ຄ່າວີຊາ ຄ່າກວດສຸຂະພາບ ນາຍຈ້າງຈ່າຍໃຫ້ກ່ອນ ແລ້ວຫັກຈາກເງິນເດືອນ", "debt",
     "ຄ່າວີຊາ ຄ່າກວດສຸຂະພາບ ແລະ ຄ່າປີ້ລົດ ໂຮງງານອອກໃຫ້ທັງໝົດ"),
    # A chat app given as the same contact as a phone call ("โทร/ไลน์", "tel/telegram", "ໂທ/whatsapp", a phone number
    # "/ viber", "ဖုန်း … viber လည်း ရ"): the details are not moved into the chat.
    ("th", "งานง่ายรายได้ดี รายละเอียดทักไลน์ส่วนตัว somsri_farm เท่านั้น", "off_platform",
     "สนใจโทร/ไลน์ 08x-xxx-3344 ป้าศรี"),
    ("th", "งานง่ายรายได้ดี รายละเอียดทักไลน์ส่วนตัว somsri_farm เท่านั้น", "off_platform",
     "ไลน์ไอดี: somsri_farm หรือโทร 08x-xxx-3344"),
    ("th", "งานง่ายรายได้ดี รายละเอียดทักไลน์ส่วนตัว somsri_farm เท่านั้น", "off_platform",
     "ติดต่อ 02-xxx-5566 / viber 08x-xxx-3344"),
    ("km", "ព័ត៌មានលម្អិតតាម telegram តែប៉ុណ្ណោះ", "off_platform", "ទូរស័ព្ទ/តេឡេក្រាម 0xx xxx 210"),
    ("lo", "ລາຍລະອຽດທາງ whatsapp ເທົ່ານັ້ນ", "off_platform", "ໂທ/whatsapp 020 xx xxx 771"),
    ("my", "အသေးစိတ်ကို viber မှာသာ ပြောမည်", "off_platform", "ဖုန်း 09 xxx xxx 552 viber လည်း ရ"),
    ("en", "Details on WhatsApp only.", "off_platform", "Call/WhatsApp 08x-xxx-3344"),
    # An accountant who keeps the company's books: accounts receivable (บัญชีลูกหนี้), income and expenditure
    # (ບັນທຶກບັນຊີລາຍຮັບ-ລາຍຈ່າຍ), not a worker's debt written in a book.
    ("th", "หนี้ค่าที่พักและค่าอาหาร หักจากค่าแรงทุกเดือนจนกว่าจะหมด", "debt",
     "พนักงานบัญชีลูกหนี้ ติดตามการรับชำระจากลูกค้าบริษัท"),
    ("lo", "ຄ່າເຄື່ອງຈາກຮ້ານຂອງສວນ ລົງບັນຊີໄວ້ ຫັກຕອນສະສາງ", "debt", "ນັກບັນຊີ ບັນທຶກບັນຊີລາຍຮັບ ແລະ ລາຍຈ່າຍຂອງຮ້ານ"),
    # A course fee paid in instalments in a post that says it is a course and no job.
    ("th", "ค่าตั๋วเครื่องบิน 9,000 บาท ผ่อนชำระทุกเดือน", "debt",
     "หลักสูตรนี้ไม่ใช่การจัดหางาน ค่าเรียน 9,000 บาท ผ่อนชำระได้ 3 งวด"),
    ("lo", "ຄ່າປີ້ຍົນ 2.000.000 ກີບ ຜ່ອນຄືນທຸກເດືອນ", "debt",
     "ຫຼັກສູດນີ້ບໍ່ແມ່ນການຮັບສະໝັກວຽກ ຄ່າຮຽນ 2.000.000 ກີບ ຜ່ອນຄືນໄດ້ 3 ງວດ"),
    ("my", "လေယာဉ်လက်မှတ်ခ ၃ သိန်း အရစ်ကျ ပြန်ဆပ်ရမည်", "debt",
     "ဤသင်တန်းသည် အလုပ်ခေါ်ခြင်း မဟုတ်ပါ။ သင်တန်းကြေး ၃ သိန်း အရစ်ကျ ပေးနိုင်သည်"),
    # Documents the worker brings along to apply (Khmer យកតាម, "bring with you"); taken along to be kept is held.
    ("km", "មេការយកតាមលិខិតឆ្លងដែនទុកនៅការិយាល័យរហូតចប់កិច្ចសន្យា", "documents_kept",
     "សូមយកតាមលិខិតឆ្លងដែន និងរូបថត 2សន្លឹក មកដាក់ពាក្យ"),
    # Lao ຖືກຕ້ອງ (correct, lawful: documents in order) is no ຖື (to hold); ຖືກເກັບ (is kept) is still held.
    ("lo", "ໜັງສືຜ່ານແດນຖືກເກັບໄວ້ທີ່ຫ້ອງການຕະຫຼອດສັນຍາ", "documents_kept",
     "ຄົນງານທີ່ມີເອກະສານຖືກຕ້ອງ ສະໝັກໄດ້ ບັດປະຈຳຕົວ ເຈົ້າຖືເອງ"),
    ("lo", "ໜັງສືຜ່ານແດນ ນາຍຈ້າງຖືໄວ້ຈົນໝົດສັນຍາ ເພື່ອໃຫ້ຖືກຕ້ອງ", "documents_kept",
     "ໄປແບບມີເອກະສານຖືກຕ້ອງ ຈຶ່ງໄດ້ຮັບການປົກປ້ອງຕາມກົດໝາຍ"),
    # A Burmese medical-check or course fee with the employer named as bearing it right after a dash, in a bulleted
    # list whose next item is what the worker pays.
    ("my", "• ဆေးစစ်ခ ၅ သိန်း - အလုပ်သမားပေးရမည်", "recruitment_fee",
     "• ဗီဇာ၊ ဆေးစစ်ခ - အလုပ်ရှင်ကျခံ • အလုပ်သမားပေးရမည့်ငွေ - ပတ်စ်ပို့ခ သာ"),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", BATCH_BN_FALSE_ALARMS,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(BATCH_BN_FALSE_ALARMS)])
def test_batch_bn_false_alarm_kinds_publish_the_honest_wording_and_hold_the_deceptive_one(language, deceptive,
                                                                                          indicator, honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


# Blind batch bm (honest-heavy: Burmese, English, Lao, Vietnamese first): its false alarms by class, each honest
# wording in new words beside a deceptive one of the same topic that must still be held.
BATCH_BM_FALSE_ALARMS = [
    # An FAQ's question about who keeps the documents is no statement that someone else does; its answer is read.
    ("en", "Q: Who keeps the passports? A: The supervisor keeps them in the office safe until the season ends.",
     "documents_kept", "Q: Who keeps my documents? A: You do, always."),
    ("vi", "Hỏi: ai giữ hộ chiếu? Đáp: quản lý giữ trong két đến hết hợp đồng.", "documents_kept",
     "Hỏi: giấy tờ ai giữ? Đáp: bạn tự giữ."),
    ("lo", "ຖາມ: ເອກະສານໃຜຖື? ຕອບ: ນາຍຈ້າງເກັບໄວ້ຈົນໝົດສັນຍາ", "documents_kept", "ຖາມ: ເອກະສານໃຜຖື? ຕອບ: ທ່ານຖືເອງ"),
    # Documents kept by the worker ("kept by you", ကိုယ့်… ကိုယ်ကိုင်ထား) or arranged by the worker (tự lo hộ chiếu).
    ("en", "The passports are kept by the skipper until the trip ends.", "documents_kept",
     "The passports are in your name and kept by you."),
    ("my", "ပတ်စပို့ကို အလုပ်ရှင်က သိမ်းထားမည်။", "documents_kept", "ကိုယ့်ပတ်စပို့ ကိုယ်ကိုင်ထားပါ။"),
    ("vi", "Công ty giữ hộ chiếu của người lao động đến hết hợp đồng.", "documents_kept",
     "Người lao động chỉ nộp lệ phí thi và tự lo hộ chiếu."),
    # "We never ask you to top up, pay a deposit or buy a course": a list denied as a whole (vi, lo, my).
    ("vi", "Muốn nhận nhiệm vụ VIP, bạn phải nạp tiền 2 triệu và đặt cọc trước.", "recruitment_fee",
     "Chúng tôi không bao giờ bắt bạn nạp tiền, đặt cọc hoặc mua tài liệu."),
    ("lo", "ຢາກປົດລັອກວຽກ VIP ຕ້ອງເຕີມເງິນ 300,000 ກີບ ກ່ອນ", "recruitment_fee",
     "ບໍລິສັດບໍ່ເຄີຍຂໍໃຫ້ພະນັກງານເຕີມເງິນ ຈ່າຍມັດຈຳ ຫຼື ຊື້ອຸປະກອນ"),
    ("my", "အလုပ်ဝင်ရန် အာမခံငွေ ၅ သောင်း ပေးရမည်။", "recruitment_fee",
     "ကျွန်ုပ်တို့ ဘယ်တော့မှ အာမခံငွေ တောင်း၊ ငွေသွင်းခိုင်း မလုပ်ပါ။"),
    # A chat app beside coming to the shop in person (my).
    ("my", "အလုပ်အသေးစိတ်ကို viber မှာသာ ပြောမည်။", "off_platform", "viber နဲ့ cv ပို့ပါ၊ ဒါမှမဟုတ် ဆိုင်ကို ကိုယ်တိုင် လာပါ။"),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", BATCH_BM_FALSE_ALARMS,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(BATCH_BM_FALSE_ALARMS)])
def test_batch_bm_false_alarm_kinds_publish_the_honest_wording_and_hold_the_deceptive_one(language, deceptive,
                                                                                          indicator, honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


# Issue 27, tuner 6: the development set's remaining false alarms, fixed by class (each an honest wording that must
# publish and a deceptive one of the same topic that must still be held).
DEVELOPMENT_LEFTOVERS = [
    # "Private" describing the room or bathroom (ห้องพักส่วนตัว, သီးသန့်အခန်း, ຫ້ອງພັກສ່ວນຕົວ, បន្ទប់…ឯកជន) is no
    # "details in private chat" beside a chat app given with a phone number.
    ("th", "รายละเอียดงานคุยกันแบบส่วนตัว ทักไลน์: job_abroad99", "off_platform",
     "มีห้องพักส่วนตัว ห้องน้ำในตัว ไลน์: maeban_home หรือโทร 081-xxx-4455"),
    ("my", "အသေးစိတ်ကို viber မှာ သီးသန့် ပြောမည်", "off_platform",
     "သီးသန့်အခန်း ရှိ၊ ဖုန်း 09 xxx xxx 123 viber လည်း ရ"),
    ("lo", "ລາຍລະອຽດວຽກ ທັກແຊັດສ່ວນຕົວ ວັອດແອັບ 020 xxxx 5566", "off_platform",
     "ມີຫ້ອງພັກສ່ວນຕົວ ໂທ/whatsapp 020 xxxx 5566"),
    ("km", "ព័ត៌មានលម្អិត ផ្ញើសារឯកជនតាម telegram", "off_platform",
     "មានបន្ទប់ស្នាក់នៅឯកជន ទូរស័ព្ទ/telegram 012 xxx 889"),
    # A wage advance on request, interest-free, taken back at the next pay period, in either order (the no-interest
    # before the repayment): no debt, unless a cost of the job (the ticket) was advanced in the same clause.
    ("th", "ค่าตั๋วเครื่องบินบริษัทออกให้ก่อน เบิกล่วงหน้าได้ ไม่คิดดอกเบี้ย หักคืนเดือนถัดไป", "debt",
     "ขอเบิกเงินล่วงหน้าได้ ไม่คิดดอกเบี้ย หักคืนรอบถัดไป"),
    ("lo", "ຄ່າປີ້ຍົນ ບໍລິສັດອອກໃຫ້ກ່ອນ ເບີກລ່ວງໜ້າໄດ້ ບໍ່ຄິດດອກເບ້ຍ ຫັກຄືນງວດຕໍ່ໄປ", "debt",
     "ເບີກເງິນລ່ວງໜ້າໄດ້ ບໍ່ມີດອກເບ້ຍ ຫັກຄືນເດືອນຕໍ່ໄປ"),
    # The worker pays only the electricity or water used above a free allowance ("ไฟเกิน 200 หน่วยจ่ายส่วนเกิน"):
    # no payment beside the health check the employer pays; a health check the worker pays is still a fee.
    ("th", "ไฟเกิน 150 หน่วยจ่ายส่วนเกินเอง ค่าตรวจสุขภาพ ค่าวีซ่า ลูกจ้างจ่ายเอง", "recruitment_fee",
     "บ้านพักฟรี (ไฟเกิน 200 หน่วยจ่ายส่วนเกิน) ค่าต่อวีซ่า ค่าตรวจสุขภาพ ฟาร์มจ่ายทั้งหมด"),
    ("lo", "ໄຟເກີນ 200 ຫົວໜ່ວຍ ຈ່າຍສ່ວນເກີນ ຄ່າກວດສຸຂະພາບ ພະນັກງານຕ້ອງຈ່າຍເອງ", "recruitment_fee",
     "ເຮືອນພັກຟຣີ ໄຟເກີນ 200 ຫົວໜ່ວຍ ຈ່າຍສ່ວນເກີນ ຄ່າກວດສຸຂະພາບ ບໍລິສັດຈ່າຍໃຫ້ທັງໝົດ"),
    # A Burmese FAQ: the full stop after a question particle (လား, လဲ) is a question mark, so the question about a fee
    # and its answer are one clause, and an answer "no" denies it; an answer "yes, so much" is still a fee.
    ("my", "မေး - အာမခံငွေ ရှိလား။ ဖြေ - ရှိပါတယ်၊ ၂ သိန်း ကြိုပေးရမည်။", "recruitment_fee",
     "မေး - အာမခံငွေ ရှိလား။ ဖြေ - မရှိပါ။"),
    ("my", "မေး - ပွဲခ ပေးရလား။ ဖြေ - ပေးရမည်၊ ၅ သိန်း။", "recruitment_fee",
     "မေး - ပွဲခ ပေးရလား။ ဖြေ - ပေးစရာမလိုပါ။"),
    # A commission-only sales agent: "no fixed (base) salary" beside the commission says how the pay is made, not
    # that wages are withheld; "no salary for the first three months" is still held.
    ("th", "ช่วง 3 เดือนแรกไม่มีเงินเดือน ได้แค่ค่าคอม", "wages_withheld",
     "ตัวแทนขาย รายได้จากค่าคอมมิชชั่นล้วน ไม่มีเงินเดือนประจำ"),
    ("lo", "3 ເດືອນທຳອິດ ບໍ່ມີເງິນເດືອນ ໄດ້ແຕ່ຄ່າຄອມ", "wages_withheld",
     "ພະນັກງານຂາຍ ລາຍໄດ້ຈາກຄ່າຄອມ ບໍ່ມີເງິນເດືອນປະຈຳ"),
    # A chat app beside "or come and see the place first" (ຫຼື ມາເບິ່ງສະຖານທີ່, หรือแวะมาดูสถานที่): one more way of
    # coming in person; the pay told only in the chat is still held.
    ("lo", "ລາຍລະອຽດ ເງິນເດືອນ ບອກທາງ whatsapp ເທົ່ານັ້ນ", "off_platform",
     "ຈອງບ່ອນຮຽນທາງ whatsapp ຫຼື ມາເບິ່ງສະຖານທີ່ກ່ອນກໍໄດ້"),
    ("th", "รายละเอียดเงินเดือนแจ้งทางไลน์ id: jobgood เท่านั้น", "off_platform",
     "จองที่เรียนทางไลน์ id: bakeryschool หรือแวะมาดูสถานที่ก่อนได้"),
    # Misses. "Whoever has no lump sum" (ใครไม่มีเงินก้อน) is a condition about the worker's money, not a denial of
    # the loan that follows it (th); the honest text publishes before and after, the deceptive one was published.
    ("th", "ค่าตั๋วและค่าวีซ่ารวม 90,000 บาท ใครไม่มีเงินก้อน กู้กับบริษัทได้", "debt",
     "ค่าตั๋วและค่าวีซ่าบริษัทออกให้ทั้งหมด ใครไม่มีเงินก้อนก็สมัครได้"),
    # "Repaid from the salary" (សងពីប្រាក់ខែ) without វិញ is a repayment, so a debt (km); a full salary is not.
    ("km", "ក្រុមហ៊ុនចេញថ្លៃឯកសារមុន សងពីប្រាក់ខែរៀងរាល់ខែ", "debt",
     "ប្រាក់ខែបើកពេញរៀងរាល់ខែ មិនកាត់អ្វីទាំងអស់"),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", DEVELOPMENT_LEFTOVERS,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(DEVELOPMENT_LEFTOVERS)])
def test_development_leftover_classes_publish_the_honest_wording_and_hold_the_deceptive_one(language, deceptive,
                                                                                            indicator, honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


# Blind batch bo (all six languages, written blind): its false alarms and misses by class, each honest wording in new
# words beside a deceptive one of the same topic that must still be held.
BATCH_BO = [
    # A chat ID given beside applying in person ("or in person at the cafe", หรือเดินเข้ามาที่ร้าน): the details only
    # in the chat is still held.
    ("en", "Salary and address are given only on LINE, message @jobnow.", "off_platform",
     "Send your CV on LINE @cafejobs or in person at the cafe, 10am–5pm."),
    ("en", "Details only in private chat: LINE @fastjob.", "off_platform",
     "Apply on WhatsApp 081 234 5678 or in person at our shop."),
    ("th", "รายละเอียดงานและเงินเดือนแจ้งทางไลน์ @jobfast เท่านั้น", "off_platform",
     "สมัครทางไลน์ @cafe_job หรือเดินเข้ามาที่ร้านได้เลย"),
    # Wages transferred into the worker's own account (โอนเข้าบัญชีลูกจ้าง) are no payment by the worker; a fee
    # transferred by the worker, or into an agent's account, is still held.
    ("th", "โอนค่าบริการจัดหางาน 8,000 บาท เข้าบัญชีเอเจนต์ก่อนสัมภาษณ์", "recruitment_fee",
     "เงินเดือนโอนเข้าบัญชีของพนักงานเอง • ค่าบริการบริษัทจัดหางาน นายจ้างจ่าย"),
    # An interest-free advance the worker asks for ("if you need", "ငွေလိုရင်", "cần ứng… không tính lãi"), or a staff
    # loan open after some months of work: no debt and no wages held back; an advance of the wages taken back from
    # them without either is still held.
    ("en", "Salary is paid after 3 months; the agency advance is paid back from salary.", "wages_withheld",
     "Interest-free staff loans on request after 6 months of work, repaid from salary as you choose."),
    ("vi", "Chủ tàu ứng trước 5 triệu cho gia đình, trừ dần vào tiền công mỗi chuyến.", "debt",
     "Nếu cần ứng tiền gửi gia đình thì chủ ghe cho ứng tối đa 3 triệu, không tính lãi, trừ dần theo chuyến."),
    ("my", "ကြိုတင်ငွေ ၅ သိန်း ထုတ်ပေးမယ်၊ လစာထဲက ပြန်ဆပ်ရမယ်။", "debt",
     "ငွေလိုရင် လစာ ကြိုထုတ်ပေးမယ်၊ အတိုး မယူ၊ နောက်လ လစာထဲက ပြန်ဆပ်နိုင်တယ်။"),
    # "Passport: not needed" written as a label and its answer ("Hộ chiếu: không cần", "passport មិនចាំបាច់") is the
    # scam compound's "no passport needed"; the same words in a job at home, with no compound's place, publish.
    ("vi", "Tuyển nhân viên gõ chữ tại đặc khu Tam Giác Vàng, lương 1.200 USD, tuổi 18-30 | Hộ chiếu: không cần | "
           "Vé máy bay: công ty lo", "scam_compound",
     "Tuyển lễ tân khách sạn tại Đà Nẵng, lương 9 triệu | Hộ chiếu: không cần, chỉ cần căn cước"),
    ("km", "💻 ការងារ typing នៅ Golden Triangle ✈️ ក្រុមហ៊ុនចេញថ្លៃធ្វើដំណើរ 🆔 passport មិនចាំបាច់", "scam_compound",
     "ត្រូវការអ្នកលក់នៅហាងភ្នំពេញ ប្រាក់ខែ 250$ លិខិតឆ្លងដែន មិនចាំបាច់ មានតែអត្តសញ្ញាណប័ណ្ណគឺគ្រប់គ្រាន់"),
    ("en", "Chat job in the Golden Triangle, flight paid by the company. Passport: not needed.", "scam_compound",
     "Cleaners for a Bangkok mall, 12,000 baht. Passport: not needed for Thai nationals, bring your ID card."),
    # Receipts given for what the worker pays, and Vietnamese "nộp" for paying money (fees "nộp theo quy định", "nộp vào
    # tài khoản"), hand no document to anyone; a passport given or handed in to the company is still held.
    ("en", "On arrival your passport is given to the manager.", "documents_kept",
     "Passport and health check at your own cost, receipts given."),
    ("vi", "Người lao động nộp hộ chiếu cho công ty giữ đến hết hợp đồng.", "documents_kept",
     "Lệ phí khám sức khỏe, hộ chiếu, vé máy bay người lao động nộp theo quy định, có biên lai."),
    # A Vietnamese guarantee deposit (ký quỹ) lodged at a bank and refunded on coming home on time, as the law's
    # programmes ask; one paid to the company, or into the company's bank account, is still held.
    ("vi", "Tiền ký quỹ 30 triệu nộp cho công ty, hoàn trả khi về nước.", "recruitment_fee",
     "Tiền ký quỹ nộp vào tài khoản ngân hàng theo quy định của tỉnh, hoàn trả đầy đủ khi về nước đúng hạn."),
    ("vi", "Ký quỹ 50 triệu chuyển vào tài khoản ngân hàng của công ty, hoàn trả khi hết hợp đồng.", "recruitment_fee",
     "Ký quỹ nộp tại ngân hàng, được hoàn lại khi người lao động về nước đúng hạn."),
    # A language test's fee at the rate the official body sets ("ค่าสมัครสอบตามที่ HRD Korea กำหนด"); one paid to a
    # company, or at a rate the company sets, is still held.
    ("th", "ค่าสมัครสอบ 25,000 บาท จ่ายให้บริษัทก่อน รับรองไปได้แน่นอน", "recruitment_fee",
     "ค่าสมัครสอบภาษาตามที่ HRD Korea กำหนด ชำระผ่านธนาคาร ไม่ผ่านนายหน้า"),
    ("th", "ค่าสมัครสอบตามที่บริษัทกำหนด 30,000 บาท จ่ายก่อนเดินทาง", "recruitment_fee",
     "ค่าสมัครสอบตามที่สำนักงานจัดหางานจังหวัดกำหนด ชำระผ่านธนาคาร"),
    # A promise quoted only to call it a fraud ("អ្នកណាប្រាប់ថា … គឺបោកប្រាស់", "ໃຜບອກວ່າ … ແມ່ນການຫຼອກລວງ", "Ai nói … là
    # lừa đảo"): a warning, not the promise; the promise made is still held.
    ("km", "បង់លុយ 3000$ ហើយទៅកូរ៉េបាន មិនបាច់ប្រឡង", "vague_promise",
     "អ្នកណាប្រាប់ថា \"មិនបាច់ប្រឡងក៏ទៅកូរ៉េបាន\" គឺបោកប្រាស់"),
    ("lo", "ໄປເກົາຫຼີ ບໍ່ຕ້ອງສອບເສັງ ຈ່າຍເງິນແລ້ວໄປໄດ້ເລີຍ", "vague_promise",
     "ໃຜບອກວ່າ \"ບໍ່ຕ້ອງສອບເສັງກໍໄປເກົາຫຼີໄດ້\" ແມ່ນການຫຼອກລວງ"),
    ("vi", "Đi Hàn không cần thi tiếng, chỉ cần đóng tiền là bay.", "vague_promise",
     "Ai nói \"không cần thi tiếng vẫn đi Hàn được\" là lừa đảo."),
    # A service charge and medical check at the rate the ministry sets, with a receipt (Burmese ဝန်ကြီးဌာန သတ်မှတ်…
    # ပြေစာ), as for the government's rate; an agency's own charge, or one above the ministry's rate, is still held.
    ("my", "အလုပ်သမားက ပေးရမည့်ငွေ - အေဂျင်စီ ဝန်ဆောင်ခ ၁၅ သိန်း၊ ဆေးစစ်ခ ၁ သိန်း", "recruitment_fee",
     "အလုပ်သမားက ပေးရမည်မှာ - ဝန်ကြီးဌာန သတ်မှတ်ထားသော ဝန်ဆောင်ခ နှင့် ဆေးစစ်ခ သာ (ပြေစာ ထုတ်ပေးမည်)"),
    ("my", "ဝန်ကြီးဌာန သတ်မှတ်ချက်ထက် ပိုသော ဝန်ဆောင်ခ ၂၀ သိန်း ကြိုတင်ပေးရမည်", "recruitment_fee",
     "ဝန်ကြီးဌာနက သတ်မှတ်သည့် ဝန်ဆောင်ခကို အလုပ်သမား ပေးရပြီး ပြေစာ ရပါမည်"),
    # Rent for a room the worker may take or not ("ไม่พักก็ได้", "or find your own") deducted from the pay is no debt;
    # board deducted for a dormitory the worker must live in is still held.
    ("th", "ค่าห้อง ค่าน้ำไฟ ค่าอาหาร หักจากเงินเดือนทุกเดือน ต้องพักหอบริษัท", "debt",
     "มีห้องพักใกล้ร้าน ค่าห้อง 1,800 บาท/เดือน หักจากรายได้ (ไม่พักก็ได้)"),
    ("en", "Room and food are deducted from your salary every month; you must stay in the company dorm.", "debt",
     "Room near the shop 2,000 a month, deducted from salary, or find your own."),
    # Misses. Costs advanced and "settled slowly from your salary", and an early return that means a refund of all
    # costs: the fee taken back from the wages and the penalty for leaving (en).
    ("en", "Flight, visa and agency service are paid first by us and you settle them slowly from your salary.",
     "recruitment_fee",
     "Flight, visa and agency service are paid by the employer; you never settle anything from your salary."),
    ("en", "Early return means a refund of all costs to the company.", "resignation_penalty",
     "Early return for a family emergency: the company pays your ticket home."),
    # A fee transferred to the agent's or consultant's account is paid by the worker; wages transferred to the
    # worker's own account are not (en).
    ("en", "A registration and document fee of 9,000 baht is transferred to our consultant account.", "recruitment_fee",
     "Your salary is transferred to your own bank account every month."),
    # Contact hidden in a page's inbox or a private chat, or a Telegram link spaced out ("t . me /"), with the details
    # only there (en).
    ("en", "Send your photos by inbox, details only in private chat.", "off_platform",
     "Send your CV by e-mail to jobs@hotel.co.th."),
    ("en", "💬 t . me / fastjob_asia (only there)", "off_platform",
     "Apply at t-shirt shop counter, MBK 3rd floor."),
    # Wages the employer keeps "safe" and gives "all in one time when you go home" are wages held back (en).
    ("en", "Madam keeps your salary safe and gives it all in one time when you go home.", "wages_withheld",
     "Salary paid every month into your own account; a bonus when you go home for New Year."),
    # A household that asks to be told when the worker goes out in the evening, so that it can lock the door, does
    # not lock the worker in (vi); a door locked from outside is still held.
    ("vi", "Cửa khóa từ bên ngoài, người giúp việc không được ra khỏi nhà.", "restricted_movement",
     "Buổi tối cô đi đâu thì báo nhà mình một tiếng để khóa cửa."),
    # Advice not to hand one's documents to anyone (อย่ามอบ…, កុំប្រគល់…, ຢ່າມອບ…, …မအပ်ပါနှင့်): the prohibitive, not a
    # handing over; "do not forget to hand it to the manager" and a passport that must be handed over are still held.
    ("th", "พนักงานต้องมอบหนังสือเดินทางให้หัวหน้าเก็บไว้จนจบสัญญา", "documents_kept",
     "ก่อนไปทำงาน อย่ามอบหนังสือเดินทางให้นายหน้าหรือคนที่ไม่รู้จัก"),
    ("th", "อย่าลืมมอบพาสปอร์ตให้ผู้จัดการเก็บไว้ตลอดสัญญา", "documents_kept",
     "อย่าฝากพาสปอร์ตไว้กับใคร เก็บไว้กับตัวเอง"),
    ("km", "កម្មករត្រូវប្រគល់លិខិតឆ្លងដែនឱ្យមេការរក្សាទុករហូតចប់កិច្ចសន្យា", "documents_kept",
     "កុំប្រគល់លិខិតឆ្លងដែនឱ្យមេខ្យល់ ឬអ្នកដែលមិនស្គាល់"),
    ("lo", "ພະນັກງານຕ້ອງມອບໜັງສືຜ່ານແດນໃຫ້ຫົວໜ້າເກັບໄວ້ຈົນໝົດສັນຍາ", "documents_kept",
     "ຢ່າມອບໜັງສືຜ່ານແດນໃຫ້ນາຍໜ້າ ຫຼື ຄົນທີ່ບໍ່ຮູ້ຈັກ"),
    ("my", "ပတ်စ်ပို့ကို အလုပ်ရှင်ထံ အပ်ထားရမည်", "documents_kept",
     "ပတ်စ်ပို့ကို ပွဲစား သို့မဟုတ် သူစိမ်းကို မအပ်ပါနှင့်"),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", BATCH_BO,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(BATCH_BO)])
def test_batch_bo_kinds_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive, indicator, honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


# Development leftovers, eighth tuning (issue 27): each class in new words, an honest wording that must publish beside
# a deceptive one of the same topic that must still be held.
LEFTOVERS_8 = [
    # A word that says "only" or "salary" in the line before a contact line is not about the chat: "the employer asks
    # for a copy only" then "LINE: … or phone" (เท่านั้น, ເທົ່ານັ້ນ right before the contact's label), "nothing is
    # deducted from the salary" (လစာထဲက) then "phone … Viber too". The details or the pay told only in the chat are
    # still held.
    ("th", "รายละเอียดงานกับเงินเดือนแจ้งทางไลน์เท่านั้น ไลน์: job_easy88", "off_platform",
     "พาสปอร์ตลูกจ้างถือเอง บริษัทขอถ่ายสำเนาเท่านั้น\nไลน์: rueanthai_shop หรือโทร 08x-xxx-3344"),
    ("lo", "ລາຍລະອຽດວຽກ ແລະ ເງິນເດືອນ ບອກທາງວັອດແອັບເທົ່ານັ້ນ ວັອດແອັບ: 020 xxxx 7788", "off_platform",
     "ພະນັກງານຖືໜັງສືຜ່ານແດນເອງ ຮ້ານຂໍສຳເນົາເທົ່ານັ້ນ\nໂທ/ວັອດແອັບ: 020 xxxx 7788"),
    ("my", "လစာ အသေးစိတ်ကို Viber မှာသာ ပြောမည် 09 xxx xxx 777", "off_platform",
     "• လစာထဲက ဘာမှမဖြတ်\nဖုန်း 09 xxx xxx 777 Viber ရ"),
    # Lawful costs of legal migration and schools: a course fee paid at a school against a receipt (ค่าเรียน… มีใบเสร็จ,
    # ថ្លៃរៀន… មានវិក្កយបត្រ, သင်တန်း… ပြေစာ, ຄ່າຮຽນ… ມີໃບບິນ, học phí… có biên lai) makes the worker's own costs in its
    # clause ordinary (a language school and health check before Japan's technical-intern or SSW programme); the same
    # costs without a receipt, or a broker's fee beside the receipted course, are still held. An exam fee "as
    # announced" (ค่าสมัครสอบ… ตามประกาศ: the state's EPS-TOPIK fee) is no fee; an exam fee paid to a broker is.
    ("th", "ค่าเรียนภาษาและค่าตรวจสุขภาพ 40,000 บาท ผู้สมัครจ่ายเองก่อนบินไปญี่ปุ่น", "recruitment_fee",
     "ผู้สมัครจ่าย: ค่าเรียนภาษาญี่ปุ่น 3 เดือนที่โรงเรียน (มีใบเสร็จ) ค่าตรวจสุขภาพ ไปทำงานญี่ปุ่น"),
    ("th", "ค่าเรียนภาษาที่ศูนย์ (มีใบเสร็จ) และค่าหัวคิว 60,000 บาท ผู้สมัครจ่ายเอง", "recruitment_fee",
     "ค่าเรียนภาษาเกาหลีที่ศูนย์ (มีใบเสร็จ) ผู้สมัครจ่ายเอง"),
    ("th", "ค่าสมัครสอบ 25,000 บาท จ่ายให้นายหน้า รับรองได้ไปเกาหลี", "recruitment_fee",
     "ค่าใช้จ่าย: ค่าสมัครสอบภาษาเกาหลีตามประกาศเท่านั้น"),
    ("km", "ថ្លៃរៀនភាសា និងថ្លៃពិនិត្យសុខភាព 1,500 ដុល្លារ បេក្ខជនបង់មុនចេញដំណើរទៅជប៉ុន", "recruitment_fee",
     "បេក្ខជនបង់៖ ថ្លៃរៀនភាសាជប៉ុននៅសាលា (មានវិក្កយបត្រ) ថ្លៃពិនិត្យសុខភាព ទៅធ្វើការនៅជប៉ុន"),
    ("my", "ဂျပန်စာ သင်တန်းကြေးနှင့် ဆေးစစ်ခ ကျပ် သိန်း 50 ဂျပန်မသွားမီ ကြိုပေးရမည်", "recruitment_fee",
     "ကိုယ်တိုင်ကျခံ - ဂျပန်စာ သင်တန်း ၃ လ (ပြေစာပေး) ၊ ဆေးစစ်ခ၊ ဂျပန်နိုင်ငံ အလုပ်"),
    ("lo", "ຄ່າຮຽນພາສາ ແລະ ຄ່າກວດສຸຂະພາບ 20 ລ້ານກີບ ຜູ້ສະໝັກຈ່າຍເອງກ່ອນໄປຍີ່ປຸ່ນ", "recruitment_fee",
     "ຜູ້ສະໝັກຈ່າຍເອງ: ຄ່າຮຽນພາສາຍີ່ປຸ່ນ 4 ເດືອນ ຢູ່ໂຮງຮຽນ (ມີໃບບິນ) ຄ່າກວດສຸຂະພາບ ໄປເຮັດວຽກຍີ່ປຸ່ນ"),
    ("vi", "Học phí tiếng Nhật và phí khám sức khỏe 90 triệu, người lao động tự nộp trước khi sang Nhật.",
     "recruitment_fee",
     "Người lao động tự trả: học phí tiếng Nhật 4 tháng tại trường (có biên lai), phí khám sức khỏe. "
     "Đi Nhật làm việc."),
    # A course that says it is no job (course_only: "not a job offer", အလုပ်ခေါ်စာ မဟုတ်, ไม่ใช่การรับสมัครงาน…) may give
    # only a chat app to enrol: that is the school's channel, not a recruiter's. A course promising a job with the
    # details only in the chat is still held.
    ("my", "ကိုရီးယားစာ သင်တန်းပြီးရင် ကိုရီးယား အလုပ် သေချာရမည်၊ အသေးစိတ်ကို Viber မှာသာ မေးပါ", "off_platform",
     "ကိုရီးယားစာ သင်တန်း ၃ လ - အလုပ်ခေါ်စာ မဟုတ်ပါ\nViber 09 xxx xxx 246"),
    ("th", "คอร์สภาษาเกาหลี จบแล้วได้ไปทำงานเกาหลีแน่นอน รายละเอียดแจ้งทางไลน์เท่านั้น", "off_platform",
     "คอร์สภาษาเกาหลี 3 เดือน (ไม่ใช่การรับสมัครงาน)\nไลน์: koreanclass_kk"),
    ("lo", "ຫຼັກສູດພາສາເກົາຫຼີ ຮຽນຈົບໄດ້ໄປເຮັດວຽກແນ່ນອນ ລາຍລະອຽດທາງ whatsapp ເທົ່ານັ້ນ", "off_platform",
     "ຫຼັກສູດພາສາເກົາຫຼີ 3 ເດືອນ ບໍ່ແມ່ນການຮັບສະໝັກວຽກ\nwhatsapp 020 xxxx 4411"),
    ("km", "វគ្គភាសាកូរ៉េ រៀនចប់បានទៅធ្វើការកូរ៉េប្រាកដ ព័ត៌មានលម្អិតតាម telegram តែប៉ុណ្ណោះ", "off_platform",
     "វគ្គភាសាកូរ៉េ ៣ខែ មិនមែនជាការជ្រើសរើសបុគ្គលិកទេ\ntelegram 012 xxx 771"),
    ("vi", "Khóa tiếng Hàn, học xong chắc chắn có việc bên Hàn, chi tiết chỉ qua Zalo", "off_platform",
     "Khóa tiếng Hàn 3 tháng – không phải tin tuyển dụng\nZalo 09xx xxx 552"),
    ("en", "Korean course with a guaranteed job in Korea after it, details only on Telegram", "off_platform",
     "Korean evening course, 3 months. This is not a job offer.\nTelegram @koreanclass_kk"),
    # Warning notices (labour offices, police, embassies, NGOs) quote the lures they warn about. A clause that puts the
    # harm on others (`warned`: victims, people "have been held", ถูกบังคับ / ถูกกักขัง, "มีมิจฉาชีพโฆษณา", "ถ้ามีคน
    # อ้างว่า…", "các đối tượng đăng tin", "nạn nhân", ຜູ້ບໍ່ຫວັງດີ, ຖືກບັງຄັບ, "…ဟု ပြောသော ကြော်ငြာများကို မယုံပါနှင့်",
    # "ဆိုရင် တိုင်ကြားနိုင်", ជនរងគ្រោះ) does not make the harm the ad's own, in its clause or in the scam-compound
    # combination. A deceptive ad that borrows a warning's words and then speaks for itself ("we are a real company",
    # บริษัทเรา, งานจริง, bên mình, ບໍລິສັດເຮົາ, ကျွန်ုပ်တို့, ក្រុមហ៊ុនយើង: `own_voice` between the warning and the harm) is
    # still held.
    ("en", "Scammers post fake jobs, but we are a real company and the manager keeps your passport until the contract "
           "ends.", "documents_kept",
     "Police warning: people who answered 'easy online job abroad' ads have been held in buildings and had their "
     "passports taken. Check an agency's licence before you go."),
    ("th", "ระวังมิจฉาชีพหลอกเก็บเงิน บริษัทเราของจริง พาสปอร์ตเก็บไว้ที่ผู้จัดการจนครบสัญญา", "documents_kept",
     "แจ้งเตือนจากอำเภอ: มีมิจฉาชีพโฆษณางานแอดมินต่างประเทศ หลายคนไปแล้วถูกกักขังและถูกยึดพาสปอร์ต"),
    ("th", "ระวังมิจฉาชีพโพสต์งานปลอม งานจริงที่สีหนุวิลล์ ตั๋วฟรี เงินเดือน 50,000 บาท ไม่ต้องมีประสบการณ์ "
           "ไม่ต้องมีพาสปอร์ต ทักไลน์ realjob", "scam_compound",
     "เตือนภัย: ถ้ามีคนอ้างว่าพาไปทำงานแอดมินออนไลน์ในเขตเศรษฐกิจพิเศษฝั่งตรงข้าม ไปรถตู้ให้ฟรี "
     "ไม่ต้องมีพาสปอร์ต ให้แจ้งตำรวจ"),
    ("vi", "Đừng tin các lời mời trên mạng, bên mình việc nhẹ lương cao thật, nộp hộ chiếu cho quản lý giữ.",
     "documents_kept",
     "Công an xã cảnh báo: các đối tượng đăng tin 'việc nhẹ lương cao' bên Campuchia, nạn nhân bị ép làm việc."),
    ("lo", "ລະວັງຜູ້ບໍ່ຫວັງດີ ບໍລິສັດເຮົາແມ່ນຂອງແທ້ ໜັງສືຜ່ານແດນ ບໍລິສັດເກັບໄວ້ຈົນໝົດສັນຍາ", "documents_kept",
     "ແຈ້ງເຕືອນ: ມີຜູ້ບໍ່ຫວັງດີ ຊວນໄປເຮັດວຽກອອນລາຍ ຫຼາຍຄົນຖືກບັງຄັບເຮັດວຽກ ແລະ ຖືກຍຶດເອກະສານ"),
    ("my", "လိမ်လည်သူများကို သတိထားပါ၊ ကျွန်ုပ်တို့ ကုမ္ပဏီ အစစ်ဖြစ်သည်၊ ပတ်စ်ပို့ကို ကုမ္ပဏီက သိမ်းထားမည်",
     "documents_kept",
     "အလုပ်ရှင်က ပတ်စ်ပို့ သိမ်းထား၊ လစာ မပေး ဆိုရင် ရုံးသို့ တိုင်ကြားနိုင်သည်"),
    ("km", "កុំជឿអ្នកបោកប្រាស់ ក្រុមហ៊ុនយើងពិតប្រាកដ លិខិតឆ្លងដែនក្រុមហ៊ុនរក្សាទុករហូតដល់ចប់កិច្ចសន្យា",
     "documents_kept",
     "ប្រយ័ត្ន៖ ជនរងគ្រោះជាច្រើន ត្រូវបានបង្ខំឱ្យធ្វើការ ហើយលិខិតឆ្លងដែនត្រូវមេការរក្សាទុក"),
    # Misses. No phone signal said the short way (လိုင်းမမိ, "the line does not catch") cuts the worker off (my); a
    # farm room where the line does catch publishes before and after.
    ("my", "ဆီအုန်းခြံ တောထဲ၊ 📵 လိုင်းမမိ၊ ဖုန်း ✖", "isolation",
     "ဆီအုန်းခြံ အိမ်ခန်းတွင် ဖုန်းလိုင်း မိပါသည်၊ WiFi လည်း ရှိ"),
    # Pay only at the year's end (နှစ်ကုန်မှ, as ရာသီကုန်မှ for the season's) is pay withheld (my); a monthly salary with
    # a year-end bonus is not.
    ("my", "💵 လစာ = နှစ်ကုန်မှ တစ်ခါတည်း ပေးမည်", "wages_withheld",
     "💵 လစာ = လကုန်တိုင်း ဘဏ်သို့ လွှဲပေး၊ နှစ်ကုန် ဘောနပ်စ် ထပ်ရ"),
    # A training fee said the short way (ຄ່າຝຶກ, ค่าฝึก: not ຄ່າຝຶກງານ / ค่าฝึกงาน, an intern's pay) that the worker pays
    # is a fee (lo, th); one the company pays, or an intern's allowance, publishes before and after.
    ("lo", "ຖາມ: ຄ່າຝຶກ ແລະ ເຄື່ອງແບບ ໃຜຈ່າຍ? ຕອບ: 1.200.000 ກີບ ພະນັກງານຈ່າຍ ແບ່ງຫັກ 3 ງວດ", "recruitment_fee",
     "ຄ່າຝຶກ 2 ອາທິດ ບໍລິສັດອອກໃຫ້ທັງໝົດ ພະນັກງານບໍ່ຕ້ອງຈ່າຍ"),
    ("th", "ค่าฝึก 2 สัปดาห์ 3,000 บาท พนักงานจ่ายเอง หักจากเงินเดือน", "recruitment_fee",
     "นักศึกษาฝึกงาน ได้ค่าฝึกงานวันละ 300 บาท จ่ายทุกสัปดาห์"),
    # An FAQ that asks who pays a cost (ใครจ่าย?, ໃຜຈ່າຍ?) and answers "the company pays it all" (บริษัทออกให้ทั้งหมด,
    # ບໍລິສັດຈ່າຍໃຫ້ທັງໝົດ) denies it, as an answer "none" does (th, lo); an answer with an amount the worker pays, or
    # a company that only advances it, is still held.
    ("lo", "ຖາມ: ຄ່າຝຶກ ໃຜຈ່າຍ? ຕອບ: 900.000 ກີບ ພະນັກງານຈ່າຍ", "recruitment_fee",
     "ຖາມ: ຄ່າຝຶກ ໃຜຈ່າຍ? ຕອບ: ບໍລິສັດຈ່າຍໃຫ້ທັງໝົດ"),
    ("th", "ถาม: ค่าอบรม ใครจ่าย? ตอบ: บริษัทออกให้ก่อน หักจากเงินเดือน 3 งวด", "recruitment_fee",
     "ถาม: ค่าอบรม ใครจ่าย? ตอบ: บริษัทออกให้ทั้งหมด"),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", LEFTOVERS_8,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(LEFTOVERS_8)])
def test_eighth_leftover_classes_publish_the_honest_wording_and_hold_the_deceptive_one(language, deceptive, indicator,
                                                                                      honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


BATCH_BP = [
    # An invoice (ใบแจ้งหนี้, ໃບແຈ້ງໜີ້) and keeping clients' books (ບັນທຶກບັນຊີລູກຄ້າ) owe nothing: the worker's
    # costs written down as a debt are still held.
    ("lo", "ຄ່າທີ່ພັກ ແລະ ຄ່າອາຫານ ບໍລິສັດບັນທຶກເປັນໜີ້ຂອງພະນັກງານ ແລ້ວຫັກຈາກເງິນເດືອນ", "debt",
     "ຄ່າແປຈ່າຍທຸກທ້າຍເດືອນ ຕາມໃບແຈ້ງໜີ້ທີ່ທ່ານສົ່ງມາ"),
    ("lo", "ຄ່າລົດມາເຮັດວຽກ ບັນທຶກເຂົ້າບັນຊີຂອງທ່ານ ຫັກຕອນສະສາງ", "debt",
     "ໜ້າທີ່: ບັນທຶກບັນຊີລູກຄ້າ ແລະ ກະກຽມແບບຟອມອາກອນ ປະສານງານກັບລູກຄ້າ"),
    ("th", "ค่าตั๋วเครื่องบินถือเป็นหนี้ของพนักงาน หักจากเงินเดือนทุกเดือน", "debt",
     "ค่าแปลโอนทุกสิ้นเดือนตามใบแจ้งหนี้ที่ผู้แปลส่งมา"),
    # An interest-free advance the worker may draw when the family needs it ("ứng tiền khi… không tính lãi",
    # ကြိုထုတ်ခွင့်, a welfare emergency loan "ไม่คิดดอกเบี้ย … สมัครใจ"), taken back from the next share or pay: a
    # ticket or fee advanced at no interest is still a debt.
    ("vi", "Chủ ghe ứng trước tiền vé xe và phí giấy tờ khi lên tàu, không lãi, trừ vào phần chuyến sau.", "debt",
     "Bạn ghe có thể ứng tiền khi gia đình cần, không tính lãi, trừ vào phần chia của chuyến kế tiếp."),
    ("my", "လေယာဉ်လက်မှတ်ခကို ကြိုထုတ်ပေးပြီး နောက်လ လစာမှ အတိုးမဲ့ ပြန်ဖြတ်မယ်။", "debt",
     "လိုအပ်ပါက လစာ ကြိုထုတ်ခွင့်ရှိပြီး နောက်လ လစာမှ အတိုးမဲ့ ပြန်ဖြတ်ပါမည်။"),
    ("th", "บริษัทให้กู้ค่าเดินทาง 30,000 บาท ไม่มีดอกเบี้ย ผ่อนคืนจากเงินเดือนทุกเดือน", "debt",
     "มีเงินกู้ยืมฉุกเฉินสำหรับพนักงาน ไม่คิดดอกเบี้ย วงเงิน 3,000 บาท ผ่อนคืนได้ 3 งวด ตามความสมัครใจ"),
    # A Burmese fee denied by the verb after it: a list closed by "(လုံးဝ) မယူ" without a polite ending, and
    # "deposit မထည့်ခိုင်းပါ" (we do not make you put one down); a fee paid before the job is still held.
    ("my", "ပွဲခ ၃ သိန်းနှင့် ဝင်ကြေး ၅၀,၀၀၀ ကို အလုပ်မဝင်ခင် ပေးရမည်။", "recruitment_fee",
     "အလုပ်ရှာခ၊ ဝင်ကြေး၊ သင်တန်းကြေး လုံးဝမယူ - လစာ လစဉ် ဘဏ်မှ ပေးသည်။"),
    ("my", "အလုပ်ဝင်ရင် deposit ၁ သိန်း ထည့်ရမယ်၊ ပြန်မအမ်းပါ။", "recruitment_fee",
     "လျှောက်ထားသူကို deposit မထည့်ခိုင်းပါ၊ ပစ္စည်းလည်း ဝယ်ခိုင်းမည် မဟုတ်ပါ။"),
    ("my", "ပွဲခ ၃ သိန်း ကြိုပေးရမည်၊ ယူနီဖောင်းကြေး မယူ။", "recruitment_fee",
     "ပွဲခ၊ ယူနီဖောင်းကြေး မယူ၊ လစာ အပြည့်ပေးသည်။"),
    # A Burmese deposit given back on leaving, in a bulleted list whose next item has an "if" (the condition is the
    # next item's); a deposit given back only once the contract or six months are done (…ပြည့်မှ(သာ) ပြန်အမ်း) is
    # still a fee, the condition before the refund as after it.
    ("my", "• အဆောင်ခ လစဉ် ၅၀၀ ဘတ်၊ စပေါ်ငွေ ၂,၀၀၀ ဘတ် စာချုပ်ပြည့်မှသာ ပြန်အမ်း • ခွင့် လစဉ် ၄ ရက်", "recruitment_fee",
     "• အခန်းခ လစဉ် ၆၀၀ ဘတ်၊ စပေါ်ငွေ ၁,၅၀၀ ဘတ် ထွက်သည့်နေ့ ပြန်အမ်း • အလုပ်ထွက်ပါက ၁ လ ကြိုပြောပါ"),
    ("my", "စပေါ်ငွေ ၂,၀၀၀ ဘတ် ပေးရမည်၊ ၆ လ ပြည့်မှ ပြန်အမ်းမည်။", "recruitment_fee",
     "စပေါ်ငွေ ၂,၀၀၀ ဘတ် ထွက်လျှင် ပြန်အမ်းမည်။"),
    # Documents the worker brings to register or apply in person ("mang … tới nộp", "ចុះឈ្មោះ … យកអត្តសញ្ញាណប័ណ្ណ"): a
    # passport handed in to a manager, or taken and kept at registration, is still held.
    ("vi", "Ngày đầu đi làm, mang hộ chiếu đến nộp lại cho quản lý, hết hợp đồng mới trả.", "documents_kept",
     "Hồ sơ dự tuyển: mang CCCD, giấy khám sức khỏe và hộ chiếu bản gốc tới nộp tại trung tâm."),
    ("km", "ពេលចុះឈ្មោះ ក្រុមហ៊ុនយកលិខិតឆ្លងដែនទុករហូតដល់ចប់កិច្ចសន្យា។", "documents_kept",
     "ចុះឈ្មោះនៅការិយាល័យ ភ្នំពេញ យកអត្តសញ្ញាណប័ណ្ណ និងសៀវភៅគ្រួសារ។"),
    # Vietnamese typed as chat shorthand: "ko"/"k" for không beside no phone signal or no days off, and the pay
    # settled (qtoan, quyết toán) only once the season ends; the same shorthand in an ordinary ad still publishes. (A
    # miss: each deceptive text was published before.)
    ("vi", "Lán trên núi ko sóng đt, ae ở luôn tới hết vụ.", "isolation",
     "Lán trại có sóng đt và wifi, cuối tuần xe đưa ae xuống thị trấn."),
    ("vi", "Làm đủ tháng, ko có ngày nghỉ, ăn ở tại xưởng.", "isolation",
     "Làm 6 ngày/tuần, chủ nhật nghỉ, ko tăng ca bắt buộc."),
    ("vi", "Lương 300k/ngày, cuối vụ mới qtoan 1 lần, giữa vụ chỉ ứng tiền ăn.", "wages_withheld",
     "Lương 300k/ngày, qtoan mỗi tuần vào thứ bảy, chuyển khoản đầy đủ."),
    # The task scam's top-up into a "task account" (ບັນຊີພາລະກິດ, tài khoản nhiệm vụ, គណនីភារកិច្ច, บัญชีภารกิจ) is a
    # fee, as a top-up to unlock a VIP level is; a phone credit the employer tops up is not. (A miss in Lao: each
    # deceptive text but the Thai one was published before.)
    ("lo", "ເຕີມເງິນເຂົ້າບັນຊີພາລະກິດ 200,000 ກີບ ກົດສັ່ງ ລະບົບຄືນໃຫ້ 260,000 ກີບ", "recruitment_fee",
     "ບໍລິສັດເຕີມເງິນໂທລະສັບໃຫ້ພະນັກງານຂາຍ 50,000 ກີບ ທຸກເດືອນ ເງິນເດືອນໂອນເຂົ້າບັນຊີທະນາຄານ"),
    ("th", "เติมเงินเข้าบัญชีภารกิจ 1,000 บาท กดสั่งซื้อ ระบบคืนให้ 1,300 บาท", "recruitment_fee",
     "บริษัทเติมเงินค่าโทรศัพท์ให้พนักงานขาย 300 บาท ทุกเดือน เงินเดือนโอนเข้าบัญชีธนาคาร"),
    ("vi", "Nạp 500k vào tài khoản nhiệm vụ, bấm đặt đơn, hệ thống hoàn 650k.", "recruitment_fee",
     "Công ty nạp tiền điện thoại 200k mỗi tháng cho nhân viên kinh doanh."),
    ("km", "ដាក់ប្រាក់ ២០ ដុល្លារ ចូលគណនីភារកិច្ច ចុចបញ្ជាទិញ ប្រព័ន្ធសងវិញ ២៦ ដុល្លារ", "recruitment_fee",
     "ក្រុមហ៊ុនបញ្ចូលលុយទូរស័ព្ទឱ្យបុគ្គលិកលក់ ៥ ដុល្លារ រៀងរាល់ខែ"),
    ("en", "Top up 1,000 baht into your task account, place the order, and the system returns 1,300.",
     "recruitment_fee", "We top up your work phone with 300 baht of credit each month for calls to customers."),
    # A service charge shared among the staff, written in English inside a Thai or Lao ad ("service charge แบ่ง…",
    # "service charge ແບ່ງ…"), is pay, not a charge to the worker; one the worker must pay is still a fee.
    ("th", "พนักงานใหม่ต้องจ่าย service charge 2,000 บาท ก่อนเริ่มงาน", "recruitment_fee",
     "💵 service charge แบ่งให้พนักงานทุกสิ้นเดือน ค่าแรงจ่ายทุก 15 วัน โอนเข้าบัญชี"),
    ("lo", "ພະນັກງານໃໝ່ຕ້ອງຈ່າຍ service charge 300,000 ກີບ ກ່ອນເລີ່ມວຽກ", "recruitment_fee",
     "service charge ແບ່ງໃຫ້ພະນັກງານທຸກເດືອນ ຈ່າຍເງິນເດືອນໂອນເຂົ້າບັນຊີ"),
    # The details, place and travel told only in a Messenger inbox ("Messenger inbox မှာပဲ", "only in Messenger")
    # are contact off the platform. (A miss: each deceptive text was published before.)
    ("my", "လစာ၊ နေရာ၊ ခရီးစဉ် အားလုံး Messenger inbox မှာပဲ ပြောမယ်၊ ဒီမှာ မမေးပါနဲ့။", "off_platform",
     "ဆိုင်ကို တိုက်ရိုက်လာ၍ လျှောက်ပါ၊ လစာနှင့် အချိန်ကို ဒီ post မှာ ဖော်ပြထားသည်။"),
    ("en", "Job place, pay and travel are told only in Messenger inbox, do not ask here.", "off_platform",
     "Pay and hours are listed above; apply on this site or at the shop."),
    # "!" for i and "|" for l between letters ("V!ber", "Te|egram") are read as the letters they imitate, as a digit,
    # @ or $ is; an exclamation mark or bar between ordinary words changes nothing. (A miss: each deceptive text was
    # published before.)
    ("en", "Salary and place only by V!ber or Te|egram, message the teacher.", "off_platform",
     "Hi!We are hiring cooks|waiters for our shop; apply on this site. Good pay!"),
    ("my", "လစာနှင့် နေရာ အသေးစိတ်ကို Te|egram မှာ ဆက်ပြောပါ", "off_platform",
     "ဆိုင်ကို တိုက်ရိုက်လာ၍ လျှောက်ပါ! လစာ လစဉ် ပေးသည်|"),
    # A chat app given beside a phone call or coming in person ("qua zalo hoặc gọi điện", "ghé quán hoặc nhắn zalo",
    # "ຫຼື ໂທ", "ຫຼື ມາລົມໂດຍກົງ", "หรือมาที่สวน"): the details or pay only in the chat are still held.
    ("vi", "Lương và chỗ làm chỉ báo riêng qua zalo, hoặc gọi điện cho chị.", "off_platform",
     "Cần người phụ bếp, liên hệ anh Tuấn qua zalo hoặc gọi điện trực tiếp."),
    ("vi", "Ghé quán hoặc nhắn zalo, lương chỉ nói riêng qua zalo.", "off_platform",
     "Bạn nào muốn làm thì ghé quán hoặc nhắn zalo cho chủ quán."),
    ("lo", "ເງິນເດືອນ ແລະ ສະຖານທີ່ ບອກທາງ whatsapp ເທົ່ານັ້ນ ຫຼື ໂທມາ", "off_platform",
     "ຕິດຕໍ່ທາງ whatsapp ຫຼື ໂທນັດມາລົມກັນທີ່ບ້ານ"),
    ("lo", "ເງິນເດືອນ ແລະ ສະຖານທີ່ ບອກທາງ whatsapp ເທົ່ານັ້ນ ຫຼື ໂທມາ", "off_platform",
     "ສົ່ງ CV ທາງ WhatsApp ຫຼື ມາລົມໂດຍກົງທີ່ເຮືອນພັກ ຕອນບ່າຍ"),
    ("th", "รายละเอียดงานและเงินเดือนแจ้งทางไลน์ @farmjob เท่านั้น หรือมาที่สวนก็ได้", "off_platform",
     "สนใจทักไลน์ หรือมาที่สวนได้เลย ถามทางได้ที่วัด"),
    # The employer that files the papers "and pays" a list of costs (บริษัทยื่นเรื่อง… และออกค่าวีซ่า ค่าตรวจสุขภาพ…)
    # pays the whole list; the worker paying them after the employer's filing is still a fee.
    ("th", "บริษัทยื่นเอกสารที่กรมการจัดหางาน ผู้สมัครออกค่าวีซ่า ค่าตรวจสุขภาพ ค่าตั๋วไปไต้หวันเอง", "recruitment_fee",
     "บริษัทยื่นเรื่องที่กรมการจัดหางาน และออกค่าวีซ่า ค่าตรวจสุขภาพ และค่าตั๋วไปไต้หวันให้ทั้งหมด"),
    # The worker's own fees (ຄ່າທຳນຽມ) at the rate the state sets, against a receipt, as the other lawful costs of
    # a scheme are read; a fee paid to a broker before leaving is still held.
    ("lo", "ແຮງງານຈ່າຍຄ່າທຳນຽມ 3 ລ້ານກີບ ໃຫ້ນາຍໜ້າ ກ່ອນໄປໄທ", "recruitment_fee",
     "ແຮງງານຈ່າຍແຕ່ຄ່າທຳນຽມຕາມລາຍການທີ່ລັດກຳນົດ ມີໃບບິນຮັບເງິນ"),
    # The wages kept for the worker "count as given to the shop" (ถือว่ายกให้ร้าน, ຖືວ່າຍົກໃຫ້ຮ້ານ, coi như tặng chủ)
    # when they leave early: a penalty for leaving. (A miss: each deceptive text was published before.)
    ("th", "ถ้าลาออกก่อนครบปี เงินที่ร้านเก็บไว้ให้ถือว่ายกให้ร้านทั้งหมด", "resignation_penalty",
     "ลาออกได้ แจ้งล่วงหน้า 15 วัน รับค่าแรงครบทุกวันที่ทำ"),
    ("lo", "ຖ້າອອກກ່ອນຄົບສັນຍາ ເງິນທີ່ຮ້ານເກັບໄວ້ໃຫ້ ຖືວ່າຍົກໃຫ້ຮ້ານ", "resignation_penalty",
     "ອອກວຽກໄດ້ ແຈ້ງລ່ວງໜ້າ 15 ມື້ ໄດ້ຮັບຄ່າແຮງຄົບທຸກມື້ທີ່ເຮັດ"),
    ("vi", "Nghỉ ngang thì tiền lương xưởng giữ hộ coi như tặng chủ xưởng.", "resignation_penalty",
     "Nghỉ việc báo trước 7 ngày, tiền lương còn lại chuyển khoản đủ."),
    # A fee to open or activate a member account (ຄ່າເປີດບັນຊີສະມາຊິກ, ค่าเปิดบัญชี, အကောင့်ဖွင့်ခ, "account opening
    # fee") is the task scam's fee, "refunded in three days" or not; opening accounts for a bank's customers is work.
    # (A miss in Lao: the lo, th, en and my deceptive texts were published before.)
    ("lo", "ຄ່າເປີດບັນຊີສະມາຊິກ: 150,000 ກີບ (ຄືນໃຫ້ໃນ 3 ມື້)", "recruitment_fee",
     "ພະນັກງານທະນາຄານ: ແນະນຳລູກຄ້າເປີດບັນຊີ ແລະ ໃຊ້ແອັບ"),
    ("th", "ค่าเปิดบัญชีสมาชิก 300 บาท (ได้คืนใน 3 วัน)", "recruitment_fee",
     "พนักงานธนาคาร: แนะนำลูกค้าเปิดบัญชีและใช้แอป"),
    ("vi", "Phí kích hoạt tài khoản thành viên 200k, hoàn lại sau 3 ngày.", "recruitment_fee",
     "Nhân viên ngân hàng: hướng dẫn khách mở tài khoản và dùng ứng dụng."),
    ("km", "ថ្លៃបើកគណនីសមាជិក ១០ ដុល្លារ (សងវិញក្នុង ៣ ថ្ងៃ)", "recruitment_fee",
     "បុគ្គលិកធនាគារ៖ ណែនាំអតិថិជនបើកគណនី និងប្រើកម្មវិធី"),
    ("en", "Member account opening fee 300 baht (returned within 3 days).", "recruitment_fee",
     "Bank teller: help customers open accounts and use the app."),
    ("my", "အဖွဲ့ဝင် အကောင့်ဖွင့်ခ ၁၀,၀၀၀ ကျပ် (၃ ရက်အတွင်း ပြန်ရ)", "recruitment_fee",
     "ဘဏ်ဝန်ထမ်း - ဖောက်သည်များကို အကောင့်ဖွင့်ရန် ကူညီပါ"),
    # A short unpaid test, sample or skills assessment when applying is no wages withheld; an unpaid trial, training
    # month or "test of two weeks" on the job still is.
    ("en", "The first two weeks are an unpaid trial at the factory.", "wages_withheld",
     "A short unpaid translation test (about 300 words) comes before the first paid job."),
    ("en", "Everyone starts with an unpaid test of two weeks on the line.", "wages_withheld",
     "Send a sample; a brief unpaid skills assessment of one page is part of applying."),
    # The Thai task scam's "ฝากยอด" (deposit a balance) to unlock a special task is a top-up; depositing the day's
    # takings into the shop's account is not.
    ("th", "ขั้นที่ 2: ฝากยอด 1,000 เพื่อปลดล็อกภารกิจพิเศษ ได้คืนพร้อมค่าคอม", "recruitment_fee",
     "ฝากยอดขายรายวันเข้าบัญชีร้านทุกเย็น พนักงานแคชเชียร์ต้องนับเงินให้ตรง"),
    # Going out only with a minder or with a supervisor's permission ("ចេញក្រៅ … ជាមួយមេការ", "ra ngoài thì phải đi
    # cùng quản lý", ဝင်းအပြင် ထွက်ချင်ရင် မန်နေဂျာဆီ ခွင့်တောင်း, "not allowed to go outside alone"); going out freely on
    # days off, or asking a manager for leave, is not it. (Indicators of held bp ads: each deceptive text was
    # published before.)
    ("km", "ស្នាក់នៅក្នុងបរិវេណ ចេញក្រៅបានតែថ្ងៃអាទិត្យជាមួយមេការ", "restricted_movement",
     "ថ្ងៃឈប់សម្រាក បុគ្គលិកចេញក្រៅបានសេរី"),
    ("vi", "Ở trong xưởng, ra ngoài thì phải đi cùng quản lý.", "restricted_movement",
     "Ngày nghỉ ra ngoài tự do, chủ nhật được nghỉ."),
    ("my", "စက်ရုံဝင်းအပြင် ထွက်ချင်ရင် မန်နေဂျာဆီ ခွင့်တောင်းရမယ်", "restricted_movement",
     "ခွင့်ယူလိုပါက မန်နေဂျာဆီ ခွင့်စာတင်ပါ၊ နားရက်တွင် လွတ်လပ်စွာ သွားလာနိုင်သည်"),
    ("en", "You live in the hostel and are not allowed to go outside alone.", "restricted_movement",
     "Staff may go outside on their days off; the hostel gate is open until 10 pm."),
    # Leaving early written as a terms-table label or in short forms ("Chấm dứt HĐ trước hạn: bồi thường…",
    # "ກັບກ່ອນກຳນົດ: ປັບ…"), the kept money "counted as lost" (coi như mất), wages "still owed" not paid (ບໍ່ໄດ້ຮັບ
    # ຄ່າແຮງທີ່ຍັງຄ້າງ) and a training cost to pay back (ຈ່າຍຄ່າຝຶກອົບຮົມຄືນ) are resignation penalties; notice and full
    # pay on leaving are not. (Indicators of held bp ads: each deceptive text was published before.)
    ("vi", "Chấm dứt HĐ trước hạn: bồi thường 200.000 yên.", "resignation_penalty",
     "Chấm dứt HĐ: báo trước 30 ngày theo luật, nhận đủ lương."),
    ("vi", "Nghỉ trước 1 năm thì coi như mất khoản lương giữ lại.", "resignation_penalty",
     "Nghỉ việc báo trước 2 tuần, lương tháng cuối trả đủ."),
    ("lo", "ກັບກ່ອນກຳນົດ: ປັບ 8,000,000 ກີບ", "resignation_penalty",
     "ກັບບ້ານໄດ້ຕາມວັນພັກ ບໍລິສັດອອກຄ່າລົດໃຫ້"),
    ("lo", "ຜູ້ທີ່ອອກກ່ອນສຳເລັດໂຄງການ ຈະບໍ່ໄດ້ຮັບຄ່າແຮງທີ່ຍັງຄ້າງ", "resignation_penalty",
     "ຜູ້ທີ່ອອກກ່ອນ ແຈ້ງລ່ວງໜ້າ 15 ມື້ ໄດ້ຮັບຄ່າແຮງຄົບທຸກມື້"),
    ("lo", "ໃຜລາອອກກ່ອນ 2 ປີ ຕ້ອງຈ່າຍຄ່າຝຶກອົບຮົມຄືນ 3,000,000 ກີບ", "resignation_penalty",
     "ໃຜລາອອກ ແຈ້ງລ່ວງໜ້າ 15 ມື້ ບໍລິສັດຈ່າຍຄ່າແຮງຄືນຄົບ"),
    # Wages the shop "keeps for you" (ຮ້ານຮັກສາໄວ້ໃຫ້) or paid "all at once" when the boat comes in (បើកឱ្យទាំងអស់
    # ម្តង … ពេលចូលកំពង់) are withheld; monthly pay into a bank account is not. (Indicators of held bp ads: each
    # deceptive text was published before.)
    ("km", "ប្រាក់ឈ្នួលគិតរួមពេលចូលកំពង់វិញ ហើយបើកឱ្យទាំងអស់ម្តង", "wages_withheld",
     "ប្រាក់ឈ្នួលបើករៀងរាល់ខែ ចូលគណនីធនាគារ"),
    ("lo", "ເງິນເດືອນຮ້ານຮັກສາໄວ້ໃຫ້ ຢາກສົ່ງບ້ານເມື່ອໃດ ບອກເຈ້", "wages_withheld",
     "ເງິນເດືອນໂອນເຂົ້າບັນຊີທຸກທ້າຍເດືອນ ຮ້ານຮັກສາຄວາມສະອາດທຸກມື້"),
    # The task scam's words in new forms: pay per song (ເພງລະ 3,000 ກີບ), a quoted "order task" ("ພາລະກິດສັ່ງຊື້"), a
    # rating or review given for pay (rating ပေး, review ပေး); a singer paid per song, a salesperson's orders and a
    # hotel's guest ratings are work. (Indicators of held bp ads: each deceptive text was published before.)
    ("lo", "ຟັງເພງ 30 ວິ ແລ້ວໃຫ້ 5 ດາວ ເພງລະ 3,000 ກີບ", "task_scam",
     "ຮ້ານດົນຕີ ຮັບນັກຮ້ອງ ເພງລະ 50,000 ກີບ ຕໍ່ງານ"),
    ("lo", 'ຮັບສະມາຊິກເຮັດ "ພາລະກິດສັ່ງຊື້ສິນຄ້າ" ໄດ້ຄ່າຄອມ 30%', "task_scam",
     "ພະນັກງານຂາຍ ກົດສັ່ງຊື້ສິນຄ້າໃຫ້ລູກຄ້າໃນລະບົບ ເງິນເດືອນ + ຄ່າຄອມ"),
    ("my", "ဟိုတယ်တွေကို ⭐⭐⭐⭐⭐ rating ပေးပြီး နေ့စဉ် ၁၅,၀၀၀ ကျပ် ရမယ်", "task_scam",
     "ဟိုတယ် ဧည့်ကြို - ဧည့်သည် rating ကောင်းအောင် ဝန်ဆောင်မှုပေးရမည်၊ လစဉ် လစာ"),
    ("my", "ပစ္စည်း review ပေးတိုင်း ၃% ကော်မရှင်ရမယ်", "task_scam",
     "ပစ္စည်းရောင်းအား review ပြုလုပ်ရန် စျေးကွက်ဝန်ထမ်း၊ လစဉ် လစာ"),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", BATCH_BP,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(BATCH_BP)])
def test_batch_bp_classes_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive, indicator, honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


# Blind batches bq and br (tuner 11): each class's honest wording publishes and its deceptive one is held, in new
# words, in each language the class was seen in (and others where the same rule is cheap). For a false alarm the
# honest text was held before its fix; for a miss the deceptive one was published.
BATCH_BQR = [
    # Wages the employer, the family or the shop keeps "for you" and pays in one sum at the end (when the worker goes
    # home, when the building is handed over, at the end of the year) (en, vi, lo; km cheap): wages paid every month
    # are not. (Misses: each deceptive text was published before.)
    ("en", "The boss keeps all your wages for you in the office safe; you get everything in one sum when you leave.",
     "wages_withheld", "Wages are paid every two weeks into your own bank account; you hold your own card."),
    ("en", "Wages are noted each evening and paid only when the building is handed over.", "wages_withheld",
     "Day rate 380 baht, paid every Saturday in cash with a pay slip."),
    ("vi", "Lương của em chủ nhà giữ giúp, hết năm mới đưa một lần để em mang về quê.", "wages_withheld",
     "Lương trả vào ngày 5 hằng tháng, chuyển khoản vào tài khoản của em."),
    ("lo", "ເຖົ້າແກ່ຈະເກັບຄ່າແຮງໄວ້ໃຫ້ ກັບບ້ານຈຶ່ງເອົາໄປທັງໝົດ", "wages_withheld",
     "ຄ່າແຮງຈ່າຍທຸກວັນເສົາ ໂອນເຂົ້າບັນຊີຂອງພະນັກງານເອງ"),
    ("km", "ថៅកែរក្សាប្រាក់ខែទុកជូន ចប់រដូវទើបបើកម្តង", "wages_withheld",
     "ប្រាក់ខែបើករៀងរាល់ខែ តាមគណនីធនាគាររបស់បុគ្គលិកផ្ទាល់"),
    # A Burmese fee denied after an emphatic word (လုံးဝ, လုံးလုံး, တစ်ပြားမှ: not one coin) or a list closed by စသည်တို့
    # (etc.), and a fee word glossed in brackets before its denial ("အာမခံငွေ (deposit) မရှိ"; lo, th, km cheap): the
    # fee to pay before the job is still held.
    ("my", "ဝင်ကြေး ၅ သောင်း ပေးရမည်၊ ပြန်မအမ်းပါ။", "recruitment_fee",
     "ဝင်ကြေး လုံးလုံး မရှိ၊ လစာ လစဉ် ဘဏ်သို့ လွှဲပေးသည်။"),
    ("my", "ဝင်ကြေး နှင့် ယူနီဖောင်းကြေး ကြိုပေးရမယ်။", "recruitment_fee",
     "ကြိုတင်ငွေ၊ ဝင်ကြေး စသည်တို့ တစ်ပြားမှ မပေးရပါ။"),
    ("my", "အာမခံငွေ (deposit) ၁ သိန်း အလုပ်ဝင်ချိန် ပေးရမည်။", "recruitment_fee",
     "အာမခံငွေ (deposit) မရှိ၊ ယူနီဖောင်း အခမဲ့။"),
    ("lo", "ເງິນມັດຈຳ (deposit) 500,000 ກີບ ຈ່າຍກ່ອນເຂົ້າວຽກ", "recruitment_fee",
     "ເງິນມັດຈຳ (deposit) ບໍ່ມີ ຊຸດຟຣີ"),
    ("th", "ค่ามัดจำ (deposit) 3,000 บาท จ่ายก่อนเริ่มงาน", "recruitment_fee",
     "ค่ามัดจำ (deposit) ไม่มี ชุดฟรี"),
    ("km", "ប្រាក់កក់ (deposit) 50 ដុល្លារ បង់មុនចូលធ្វើការ", "recruitment_fee",
     "ប្រាក់កក់ (deposit) គ្មាន ឯកសណ្ឋានឥតគិតថ្លៃ"),
    # A chat app beside coming to the shop or office to ask ("ဆိုင်ကို လာမေးပါ၊ သို့မဟုတ် Viber") or beside sending a CV to
    # HR ("gửi CV về phòng nhân sự hoặc … Zalo"), and a salary paid into a bank on the line before a chat ID, are not
    # the recruiter's channel (my, vi): the pay or the job told only in the chat is still held.
    ("my", "အလုပ်အကြောင်း အသေးစိတ်ကို Viber မှာပဲ ပြောမယ်။", "off_platform",
     "စက်ရုံကို လာမေးပါ၊ ဒါမှမဟုတ် Viber ပို့ပါ။"),
    ("my", "လစာ ဘယ်လောက်လဲ သိချင်ရင် Telegram ကို စာပို့ပါ။", "off_platform",
     "လစာ လစဉ် ဘဏ်သို့ လွှဲပေးသည်၊ Telegram: shwe.bakery.ygn သို့မဟုတ် ဆိုင်ကို လာလျှောက်ပါ။"),
    ("vi", "Lương và chỗ làm chỉ báo riêng qua Zalo, không đăng ở đây.", "off_platform",
     "Nộp hồ sơ tại phòng nhân sự hoặc nhắn Zalo để hẹn giờ phỏng vấn."),
    # The worker pays only the costs the state sets (a medical check, an official fee "ตามอัตราทางการ", "ຕາມອັດຕາລັດ", a
    # service fee the ministry approves), paid with a receipt, and a loan from the state's fund for workers going abroad
    # (th, lo, my): a fee paid to a broker or the company before the job is still held.
    ("th", "ค่าธรรมเนียมดำเนินการ 25,000 บาท ชำระให้เจ้าหน้าที่บริษัทก่อนสอบ", "recruitment_fee",
     "ผู้สมัครชำระเฉพาะค่าธรรมเนียมตามอัตราของทางราชการ ที่สำนักงานจัดหางานจังหวัด รับใบเสร็จทันที"),
    ("th", "ค่าตรวจสุขภาพและค่าเอกสาร 12,000 บาท ผู้สมัครจ่ายเองกับนายหน้า", "recruitment_fee",
     "ผู้สมัครจ่ายค่าใช้จ่ายที่ราชการกำหนดเท่านั้น (ค่าตรวจสุขภาพ ค่าธรรมเนียมตามประกาศ) มีใบเสร็จ"),
    ("th", "ค่าหัวคิว 40,000 บาท กู้จากนายหน้าได้ หักคืนจากเงินเดือน", "recruitment_fee",
     "ค่าใช้จ่ายก่อนเดินทาง กู้ได้จากกองทุนเพื่อคนหางานไปทำงานต่างประเทศ"),
    ("lo", "ຄ່າທຳນຽມ 4,000,000 ກີບ ຈ່າຍໃຫ້ນາຍໜ້າກ່ອນໄປ", "recruitment_fee",
     "ແຮງງານຈ່າຍຄ່າທຳນຽມ ຕາມອັດຕາທາງການ ຢູ່ພະແນກແຮງງານ ມີໃບຮັບເງິນທຸກລາຍການ"),
    ("my", "ဝန်ဆောင်ခ ၁၅ သိန်း ရုံးမှာ ကြိုပေးရမည်။", "recruitment_fee",
     "အလုပ်သမားက ပေးရမည်မှာ ပတ်စ်ပို့ခ၊ ဆေးစစ်ခ နှင့် အစိုးရ ခွင့်ပြုထားသော ဝန်ဆောင်ခ သာ ဖြစ်ပြီး ပြေစာ ထုတ်ပေးမည်။"),
    # Lao ຕັດ as tapping rubber (ຕັດຢາງ, ຄົນຕັດ: the tapper) is no deduction (lo): costs cut from the pay are still a debt.
    ("lo", "ຄ່າທີ່ພັກ ແລະ ຄ່າລົດ ນາຍຈ້າງຈະຕັດຈາກຄ່າແຮງທຸກເດືອນ", "debt",
     "ຮັບຄົນຕັດຢາງ 2 ຄອບຄົວ ລາຍໄດ້ແບ່ງເຄິ່ງ ຈ່າຍທຸກເທື່ອທີ່ຂາຍນ້ຳຢາງ"),
    # A Lao deposit on a bag or uniform given back when it is handed back (ຄືນໃຫ້ເມື່ອສົ່ງຄືນ) is no repayment (lo).
    ("lo", "ຄ່າຊຸດ ແລະ ອຸປະກອນ 400,000 ກີບ ຕ້ອງສົ່ງຄືນຈາກເງິນເດືອນ", "debt",
     "ມັດຈຳເສື້ອ ແລະ ກະເປົາ 200,000 ກີບ ຄືນໃຫ້ເມື່ອສົ່ງຄືນ"),
    # A Lao job that says it never asks applicants to pay, top up or press like (ບໍ່ເຄີຍໃຫ້ … ເຕີມເງິນ ຫຼື ກົດໄລ) denies
    # the task scam (lo): likes paid per clip are still held.
    ("lo", "ກົດໄລ ແລະ ກົດແຊ ຄລິບລະ 2,000 ກີບ ຖອນເງິນໄດ້ທຸກມື້", "task_scam",
     "ພວກເຮົາບໍ່ຂໍໃຫ້ທ່ານເຕີມເງິນ ຫຼື ກົດໄລ ເພື່ອໄດ້ວຽກ ເງິນເດືອນໂອນທຸກທ້າຍເດືອນ"),
    # An employer that pays a list of costs introduced by a colon and not closed by "and" ("the employer pays
    # recruitment fees and related costs: visa, work permit, agency service fee, transport") negates the whole list
    # (en): a fee the worker pays after it is still held.
    ("en", "The company pays some costs: visa and work permit. You pay the placement fee of 30,000 baht.",
     "recruitment_fee",
     "The company covers all hiring costs: medical check, visa, placement fee, bus to the site."),
    ("en", "The employer pays the costs: visa, ticket, and you pay the agency fee before flying.",
     "recruitment_fee",
     "Our factory bears every recruitment cost: agency fee, visa, work permit, transport."),
    # An advance of wages the worker may ask for, capped (at most a month's pay, 10% a month) and written down ("advance
    # on request … written receipt", "ကြိုတင်ငွေ လိုချင်ရင် … မပို") is no debt or fee (en, my): a ticket advanced, or an
    # advance at interest, is still held.
    ("en", "Cash advance for the bus ticket on request, repaid from your salary.", "debt",
     "Cash advance if you need one, at most half a month's pay, written in the pay book, repaid over two months."),
    ("my", "ကြိုတင်ငွေ ၂ သိန်း အလုပ်ဝင်ချိန် ပေးရမည်။", "recruitment_fee",
     "ကြိုတင်ငွေ လိုချင်ရင် နှစ်ပတ် လစာ ထက် မပို၊ မှတ်တမ်း စာအုပ်ထဲ ရေးထားမည်။"),
    # Going out only together with staff or a supervisor, for named errands ("go out together with staff for medical
    # check and passport only") is restricted movement (en): being free to go out, with staff taking them somewhere,
    # is not.
    ("en", "The women stay at the training house and go out with our staff to the clinic and the passport office only.",
     "restricted_movement",
     "The women stay at the training house and are free to go out after class; staff take them to the clinic."),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", BATCH_BQR,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(BATCH_BQR)])
def test_batch_bq_br_classes_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive, indicator,
                                                                                    honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


LEFTOVERS_10 = [
    # Warning notices (a police post, an embassy, a labour network) that quote the lures of other people's posts: a
    # warning aimed at those posts ("beware of posts that…", "thận trọng với các bài đăng…", ระวังโฆษณา…, ລະວັງໂຄສະນາ…,
    # ប្រយ័ត្នការផ្សាយ…), the posts or people as the subject ("some ask you to…", "các đối tượng tự xưng…",
    # ကြော်ငြာများ, "there have been cases", ဖြစ်ရပ်များ ရှိ) and a list of danger signs ("red flags", សញ្ញាគ្រោះថ្នាក់,
    # သတိထားရမည့် လက္ခဏာ) are `warned`. The ad's own voice between the warning and the lure ("we are a real company",
    # บริษัทเรา, bên mình, ကျွန်ုပ်တို့) gives the lure back to the ad.
    ("en", "Beware of fake ads, we are a real company: easy work, big money, no experience, free flight to the special "
           "zone.", "vague_promise",
     "Beware of posts that promise easy work and big money in the special zones with a free flight."),
    ("en", "Some say it is hard to apply, but we are simple: contact us on Telegram only for the salary.",
     "off_platform",
     "Some ask you to message them on Telegram only and then ask for money."),
    ("vi", "Cảnh giác với các bài đăng giả mạo, bên mình tuyển việc nhẹ lương cao tại Campuchia, bao vé máy bay, không "
           "cần kinh nghiệm.", "vague_promise",
     "Người dân cần thận trọng với các bài đăng hứa việc nhẹ lương cao tại Campuchia, không cần kinh nghiệm."),
    ("vi", "Công ty yêu cầu chuyển tiền giữ chỗ 5 triệu qua Zalo trước khi phỏng vấn.", "recruitment_fee",
     "Các đối tượng tự xưng là cán bộ tuyển dụng, yêu cầu chuyển tiền giữ chỗ qua Zalo rồi chặn liên lạc."),
    ("th", "ระวังโฆษณาปลอม งานจริงของเรา งานสบาย เงินดี ที่สีหนุวิลล์ ออกค่าเดินทางให้", "vague_promise",
     "ระวังโฆษณา \"งานสบาย เงินดี\" ที่สีหนุวิลล์"),
    ("lo", "ລະວັງໂຄສະນາປອມ ບໍລິສັດເຮົາ ວຽກງ່າຍ ເງິນດີ ຢູ່ເຂດເສດຖະກິດພິເສດ", "vague_promise",
     "ລະວັງໂຄສະນາ ທີ່ຊວນໄປເຮັດວຽກງ່າຍ ເງິນດີ ຢູ່ເຂດເສດຖະກິດພິເສດ"),
    ("km", "ការងារស្រួល ប្រាក់ខែខ្ពស់ នៅតំបន់សេដ្ឋកិច្ចពិសេស ចេញថ្លៃធ្វើដំណើរឱ្យ", "vague_promise",
     "សូមប្រយ័ត្នការផ្សាយ «ការងារស្រួល ប្រាក់ខែខ្ពស់» នៅតំបន់សេដ្ឋកិច្ចពិសេស"),
    ("km", "ព័ត៌មានលម្អិត ទាក់ទងតែតាម Telegram ប៉ុណ្ណោះ", "off_platform",
     "សញ្ញាគ្រោះថ្នាក់៖ ឱ្យទាក់ទងតែតាម Telegram ប៉ុណ្ណោះ ហើយមិនប្រាប់ឈ្មោះក្រុមហ៊ុន"),
    ("my", "သတိပေးချက် - ကျွန်ုပ်တို့ ကုမ္ပဏီ အလုပ်လွယ် လစာများ ဖုန်းနဲ့ ပတ်စ်ပို့ ကုမ္ပဏီက သိမ်းထားမယ်", "documents_kept",
     "ခေါ်သွားပြီး ဖုန်းနဲ့ စာရွက်စာတမ်း သိမ်းတဲ့ ဖြစ်ရပ်များ ရှိပါတယ်။"),
    ("my", "Telegram နဲ့ပဲ ဆက်သွယ်ပါ၊ လစာ အသေးစိတ် Telegram မှာသာ ပြောမယ်။", "off_platform",
     "သတိထားရမည့် လက္ခဏာ - Telegram နဲ့ပဲ ဆက်သွယ်ခိုင်း၊ ကုမ္ပဏီ လိပ်စာ မရှိ။"),
    # A chat app given with a phone number, the shop's one contact line ("Viber 09 xxx xxx 826", "WhatsApp: +856 20 …",
    # "Viber/LINE: 08x …"; my, lo, km): the number can be called as well as messaged. The details or the pay told "only"
    # there, or a code word to send to it ("… သို့ 'JOB' ဟု ပို့ပါ"), are still held. Not in en, vi or th: there it took
    # the off-platform sign from seven deceptive ads ("contact WhatsApp +855 … for interview").
    ("my", "လစာနဲ့ အလုပ်အသေးစိတ် Viber 09 xxx xxx 551 မှာသာ ပြောမယ်", "off_platform",
     "စားသောက်ဆိုင် စားပွဲထိုး ၂ ဦး လိုသည်။ တစ်ပတ် ၁ ရက် နား။\nViber 09 xxx xxx 551"),
    ("my", "အိမ်ကနေ ဝင်ငွေ၊ Viber 09 771 234 551 သို့ 'OK' ဟု ပို့ပါ", "off_platform",
     "ဆန်စက် အလုပ်သမား လိုသည်၊ လုပ်ခ နေ့စဉ် ပေး။ ဆက်သွယ်ရန် Viber/WhatsApp: 09 771 234 551"),
    ("lo", "ລາຍລະອຽດວຽກ ທັກ WhatsApp 020 55 xxx 918 ເທົ່ານັ້ນ", "off_platform",
     "ຮ້ານກາເຟ ຮັບພະນັກງານ 1 ຄົນ ເງິນເດືອນ 2.000.000 ກີບ\nWhatsApp: +856 20 55 xxx 918"),
    ("km", "ព័ត៌មានលម្អិត ផ្ញើសារ Telegram 012 xxx 774 ប៉ុណ្ណោះ", "off_platform",
     "ហាងកាហ្វេ ត្រូវការបុគ្គលិក ២នាក់ ប្រាក់ខែ ២០០$\nTelegram 012 xxx 774"),
    # A language school that says it sends no one to work or is no job guarantee ("โรงเรียนไม่ได้ส่งคนไปทำงาน",
    # "ไม่ใช่การประกันงาน", ບໍ່ໄດ້ສົ່ງຄົນໄປເຮັດວຽກ, មិនបញ្ជូនសិស្សទៅធ្វើការ, "không đưa người đi làm việc", "we do not
    # send students to work", အလုပ်သမား မပို့) is `course_only`: its course fee before an exam for Korea is no
    # recruitment fee. The same fee paid before flying to the job, with no such words, is still held.
    ("th", "ค่าเรียนภาษาเกาหลี 30,000 บาท จ่ายก่อนบินไปทำงานเกาหลี", "recruitment_fee",
     "ค่าเรียนภาษาเกาหลี 4,900 บาท เตรียมสอบไปเกาหลี โรงเรียนไม่ได้ส่งคนไปทำงาน"),
    ("th", "ค่าเรียนภาษาญี่ปุ่น 45,000 บาท รับรองได้ไปญี่ปุ่น", "recruitment_fee",
     "คอร์สภาษาญี่ปุ่น ค่าเรียน 5,500 บาท สำหรับคนอยากไปญี่ปุ่น ไม่ใช่การประกันงาน"),
    ("lo", "ຄ່າຮຽນພາສາເກົາຫຼີ 15 ລ້ານກີບ ຈ່າຍກ່ອນໄປເຮັດວຽກເກົາຫຼີ", "recruitment_fee",
     "ຄ່າຮຽນພາສາເກົາຫຼີ 2 ລ້ານກີບ ຜູ້ຮຽນຈ່າຍເອງກ່ອນສອບໄປເກົາຫຼີ ໂຮງຮຽນບໍ່ໄດ້ສົ່ງຄົນໄປເຮັດວຽກ"),
    ("km", "ថ្លៃរៀនភាសាកូរ៉េ 1,200 ដុល្លារ បង់មុនទៅធ្វើការកូរ៉េ", "recruitment_fee",
     "ថ្លៃរៀនភាសាកូរ៉េ 150 ដុល្លារ សិស្សបង់ខ្លួនឯង មុនប្រឡងទៅកូរ៉េ សាលាមិនបញ្ជូនសិស្សទៅធ្វើការទេ"),
    ("vi", "Học phí tiếng Hàn 40 triệu, đóng trước khi sang Hàn Quốc làm việc", "recruitment_fee",
     "Học phí tiếng Hàn 3 triệu, luyện thi đi Hàn Quốc; trung tâm không đưa người đi làm việc"),
    ("en", "Korean course fee 30,000 baht, paid before you fly to work in Korea.", "recruitment_fee",
     "Korean course fee 4,900 baht, paid by the student, before the exam to go to Korea. We do not send students to "
     "work abroad."),
    ("my", "ကိုရီးယား စာ သင်တန်းကြေး သိန်း ၃၀ ကိုရီးယား မသွားမီ ပေးရမည်", "recruitment_fee",
     "ကိုရီးယား စာ သင်တန်းကြေး ကျပ် ၁ သိန်း ကိုယ်တိုင် ပေးရ၊ ကိုရီးယား မသွားမီ စာမေးပွဲ အတွက်၊ ကျောင်းက အလုပ်သမား မပို့ပါ"),
    # A licensed MOU agency's list: what the worker pays named as the service fee at the rate the state or the ministry
    # sets (ပေးရသည့် ဝန်ဆောင်ခ မှာ ဝန်ကြီးဌာန / အစိုးရ သတ်မှတ်…) is not the worker paying the costs of the bullet before
    # it (my). The same fee given as an amount is still held.
    ("my", "ပါမစ် ကုန်ကျစရိတ် အလုပ်ရှင်က ကျခံ - အလုပ်သမား ပေးရသည့် ဝန်ဆောင်ခ ကျပ် ၂၅ သိန်း", "recruitment_fee",
     "ပါမစ် ကုန်ကျစရိတ် အလုပ်ရှင်က ကျခံ - အလုပ်သမား ပေးရသည့် ဝန်ဆောင်ခ မှာ ဝန်ကြီးဌာန သတ်မှတ်ချက်အတိုင်း ပြေစာနှင့်"),
    # Vietnam's EPS escrow named by its programme ("ký quỹ … theo chương trình EPS") or paid with the state's
    # preferential loan ("vay vốn ưu đãi để ký quỹ"), in a title or a line far from the Social Policy Bank, is the
    # state's deposit, not a fee (vi). An escrow paid to a company or an individual, or lent by the company and taken
    # from the wages, is held.
    ("vi", "Ký quỹ 120 triệu nộp cho công ty theo chương trình EPS trước khi bay", "recruitment_fee",
     "Người lao động ký quỹ 100 triệu đồng theo chương trình EPS trước khi xuất cảnh"),
    ("vi", "Công ty cho vay tiền để ký quỹ, trừ dần vào lương hằng tháng", "recruitment_fee",
     "Người lao động nghèo được vay vốn ưu đãi để ký quỹ"),
    # Indicators the development set's held ads showed unread. A Vietnamese file or package fee given with its amount
    # ("Phí hồ sơ trọn gói 15 triệu (…), đóng trước…", "Tổng chi phí trọn gói 180 triệu", "Phí hồ sơ + đồng phục:
    # 3.000.000đ", "p h í h ồ s ơ 350.000 đ") is a recruitment fee even when the word "pay" is far from it (vi); a fee
    # of 0, "miễn phí", or borne by the company is not.
    ("vi", "Phí hồ sơ trọn gói 12 triệu (khám sức khỏe, học tiếng, vé máy bay), nộp trước khi vào trung tâm đào tạo.",
     "recruitment_fee",
     "Phí hồ sơ: 0 đồng, công ty chịu vé máy bay và khám sức khỏe."),
    ("vi", "Đơn hàng Nhật, tổng chi phí trọn gói 160 triệu, bay sau 3 tháng học tiếng.", "recruitment_fee",
     "Chi phí trọn gói: công ty chịu 100%, người lao động không phải đóng gì."),
    ("vi", "• Phí hồ sơ + áo đồng phục: 2.500.000đ\n• Ngày nhận việc: thứ 2 hằng tuần", "recruitment_fee",
     "• Phí hồ sơ: miễn phí, áo đồng phục công ty phát"),
    # A Burmese agency's charge given with its amount (ဝန်ဆောင်ခ + သင်တန်းကြေး : ကျပ်သိန်း ၁၂၀, ကုန်ကျစရိတ် စုစုပေါင်း ၉
    # သိန်း, ပတ်စပို့လုပ်ခ… ပို့ဆောင်ခ ကျပ် ၁၈ သိန်း) is a recruitment fee (my); a service charge in percent, one the
    # employer pays, or one denied is not.
    ("my", "ဗီဇာလုပ်ခ ကျပ် ၂ သိန်း ၅ သောင်းနှင့် ပို့ဆောင်ခ ကျပ် ၁၅ သိန်း ပေးရမည်။", "recruitment_fee",
     "ဗီဇာလုပ်ခ ကျပ် ၂ သိန်း ၅ သောင်းနှင့် ပို့ဆောင်ခ ကျပ် ၁၅ သိန်း ကို အလုပ်ရှင်က ပေးသည်။"),
    ("my", "ကုန်ကျစရိတ် စုစုပေါင်း ၁၀ သိန်း။ ထိုင်းရောက်မှ ကျန်ငွေ ဖြတ်မည်။", "recruitment_fee",
     "စားသောက်ဆိုင် ဝန်ထမ်း၊ လစာ ကျပ် ၄ သိန်း + ဝန်ဆောင်ခ ၅%။"),
    ("my", "ဝန်ဆောင်ခ + ဆေးစစ်ခ : ကျပ်သိန်း ၈၀ (အင်တာဗျူး မတိုင်မီ)", "recruitment_fee",
     "ဝန်ဆောင်ခ : မယူပါ၊ ဆေးစစ်ခ ကုမ္ပဏီက ကျခံ"),
    # The Lao task scam's money put in to reach a level: capital topped up (ເຕີມທຶນ), money sent or put in "more"
    # (ໂອນເພີ່ມ, ຝາກເພີ່ມ) for a Gold level or "level 2", a membership paid to unlock VIP work (ຈ່າຍຄ່າສະມາຊິກ), and a
    # member account opened for a sum (ເປີດບັນຊີສະມາຊິກ / ເປີດ ບ/ຊ ສະມາຊິກ) (lo); and a processing or document fee given
    # with its amount (ຄ່າດຳເນີນການ 15,000 ບາດ) unless the employer pays it. A shop's phone top-ups, a sales level, a
    # bank account the company opens are not.
    ("lo", "ຢາກປົດລັອກວຽກ VIP ພຽງເຕີມທຶນ 300,000 ກີບ ແລ້ວໄດ້ຄືນພ້ອມຄ່າຄອມ", "recruitment_fee",
     "ພະນັກງານຮ້ານມືຖື ເຕີມເງິນໂທລະສັບໃຫ້ລູກຄ້າ ແລະ ຂາຍຊິມ"),
    ("lo", "ລະດັບ Gold ໄດ້ຄ່າຄອມສູງຂຶ້ນ ຕ້ອງໂອນເພີ່ມ 1 ລ້ານກີບ", "recruitment_fee",
     "ພະນັກງານຂາຍ ລະດັບ Gold ໄດ້ຄ່າຄອມເພີ່ມ 2% ຂອງຍອດຂາຍ"),
    ("lo", "ກ່ອນເລີ່ມວຽກ ຕ້ອງເປີດບັນຊີສະມາຊິກ 100.000 ກີບ ເພື່ອຢືນຢັນຕົວຕົນ", "recruitment_fee",
     "ບໍລິສັດເປີດບັນຊີທະນາຄານໃຫ້ພະນັກງານ ເພື່ອຮັບເງິນເດືອນ"),
    ("lo", "ມີຄ່າດຳເນີນການ 12,000 ບາດ ລວມຄ່າເຮືອ ແລະ ຫ້ອງພັກ", "recruitment_fee",
     "ຄ່າດຳເນີນເອກະສານ 2 ລ້ານກີບ ບໍລິສັດເປັນຜູ້ຈ່າຍທັງໝົດ"),
    # The bar that opens a table row ends a negation's reach as an emoji opening a list item does (section 5 of the
    # screening README): "| Hộ chiếu: không cần | Phá hợp đồng: bồi thường 8.000 USD" holds the penalty (vi, en).
    ("vi", "| Hộ chiếu: không cần\n| Phá hợp đồng: bồi thường 5.000 USD", "resignation_penalty",
     "| Hộ chiếu: tự giữ\n| Phá hợp đồng: không bồi thường, báo trước 30 ngày"),
    ("en", "| Passport: not needed | Leaving before the contract ends: compensation of 8,000 USD",
     "resignation_penalty",
     "| Passport: you keep it | Leaving before the contract ends: no compensation"),
    # Leaving early said the short Lao way or as not completing the term (ເລີກກ່ອນ, "ເຮັດບໍ່ຄົບ 1 ປີ ແລ້ວອອກ": ບໍ່ຄົບ is
    # a condition, not a denial, as Thai ไม่ครบ already was), losing the deposit (ເສຍມັດຈຳ), and Vietnamese kept wages
    # that "are not received" (lương giữ lại không được nhận) are a resignation penalty (lo, vi); notice without a
    # penalty is not.
    ("lo", "ສັນຍາ 2 ປີ | ເລີກກ່ອນ = ຈ່າຍຄ່າເສຍຫາຍ 3,000 ໂດລາ", "resignation_penalty",
     "ສັນຍາ 1 ປີ | ເລີກກ່ອນ ແຈ້ງລ່ວງໜ້າ 15 ມື້ ບໍ່ມີຄ່າເສຍຫາຍ"),
    ("lo", "ເຮັດວຽກບໍ່ຄົບ 6 ເດືອນ ແລ້ວອອກ ຕ້ອງຈ່າຍຄ່າເສຍຫາຍ 4.000 ບາດ", "resignation_penalty",
     "ເຮັດວຽກບໍ່ຄົບສັນຍາ ແລ້ວອອກ ກໍ່ໄດ້ ບໍ່ມີຄ່າເສຍຫາຍ"),
    ("lo", "ວາງເງິນມັດຈຳ 3,000 ບາດ ອອກກ່ອນ 1 ປີ ເສຍມັດຈຳ", "resignation_penalty",
     "ອອກກ່ອນ 1 ປີ ໄດ້ ແຈ້ງລ່ວງໜ້າ 1 ເດືອນ"),
    ("vi", "Nghỉ ngang trước 3 tháng thì tiền lương giữ lại không được nhận.", "resignation_penalty",
     "Nghỉ việc báo trước 30 ngày, lương tháng cuối vẫn được nhận đủ."),
    # Going out only with someone from the house or the shop: "không ra ngoài một mình", a supervisor's signed
    # permission to go out ("ra ngoài thì báo tổ trưởng ký giấy"), ອອກໄປຂ້າງນອກບໍ່ໄດ້, "ບໍ່ໃຫ້ອອກໄປຄົນດຽວ / ເອງ", the
    # owner going along "wherever you go" (ໄປໃສມາໃສ … ໄປນຳຕະຫຼອດ) are restricted movement (vi, lo). A child who may not
    # go out alone (a nanny's job) and going out freely after work are not.
    ("vi", "Chị giúp việc đi chợ thì có người nhà đi theo, không ra ngoài một mình.", "restricted_movement",
     "Bé không được ra đường một mình, chị giúp việc đưa đón bé đi học."),
    ("vi", "Công nhân ra ngoài thì phải xin tổ trưởng ký giấy cho phép.", "restricted_movement",
     "Công nhân được ra ngoài tự do sau giờ làm, ký túc xá mở cửa đến 23h."),
    ("lo", "ພັກຢູ່ໃນຕຶກບໍລິສັດ ອອກໄປຂ້າງນອກບໍ່ໄດ້ ຈົນຄົບສັນຍາ", "restricted_movement",
     "ພັກຢູ່ຫໍພັກບໍລິສັດ ອອກໄປຂ້າງນອກໄດ້ຕາມສະບາຍ ຫຼັງເລີກວຽກ"),
    ("lo", "ໄປໃສມາໃສ ເຈົ້າຂອງຮ້ານໄປນຳຕະຫຼອດ ບໍ່ໃຫ້ອອກໄປຄົນດຽວ", "restricted_movement",
     "ມື້ພັກ ພະນັກງານໄປຕະຫຼາດ ຫຼື ໄປທ່ຽວໄດ້ເອງ"),
    # Tuner 10's own probes (honest ads written as employers in Burmese, Vietnamese and Lao write them): a chat app
    # paired with the word phone or hotline by a slash before one number ("Viber/ဖုန်း 09 …", "Hotline/Zalo 0909 …",
    # "Zalo/ĐT 0912 …") is a phone line as well as a chat (my, vi); the details or pay told only there are still held.
    ("my", "လစာ အသေးစိတ် ကို Viber/ဖုန်း 09 254 888 190 မှာသာ ပြောမည်", "off_platform",
     "ခေါက်ဆွဲဆိုင် စားပွဲထိုး ၃ ဦး လိုသည်။ အဆောင် ရှိ။\nViber/ဖုန်း 09 254 888 190"),
    ("vi", "Chi tiết công việc và lương chỉ báo qua Hotline/Zalo 0909 123 456", "off_platform",
     "Xưởng may tuyển 50 công nhân, đóng BHXH đầy đủ. Hotline/Zalo 0909 123 456"),
    ("vi", "Lương cao, chỉ nhắn Zalo/ĐT 0912 345 678 để biết chi tiết", "off_platform",
     "Trang trại rau Đà Lạt cần 5 người làm vườn. Zalo/ĐT 0912 345 678"),
    # The worker's own list of things kept "oneself" (ຖືໂທລະສັບ ແລະ ບັດເອງ, ถือโทรศัพท์ และ บัตรเอง, no subject named):
    # the ເອງ / เอง after the list says who holds them (lo, th). The employer keeping them, with a later "เอง" about
    # something else, is still held.
    ("lo", "ນາຍຈ້າງຖືໂທລະສັບ ແລະ ບັດໄວ້ ຈົນໝົດສັນຍາ", "isolation",
     "ມີຫ້ອງສ່ວນຕົວ ພັກອາທິດລະ 1 ມື້ ຖືໂທລະສັບ ແລະ ບັດເອງ"),
    ("th", "นายจ้างเก็บพาสปอร์ต และ บัตร ลูกจ้างจ่ายค่าอาหารเอง", "documents_kept",
     "มีห้องส่วนตัว หยุดสัปดาห์ละ 1 วัน ถือโทรศัพท์ และ บัตรเอง"),
    # The salary itself drawn ahead and taken back when the salary is paid ("ເບີກເງິນເດືອນລ່ວງໜ້າ…
    # ຫັກຄືນຕອນຈ່າຍເງິນເດືອນ") is a benign advance (lo), as it was in Thai; a ticket in it is still a debt.
    ("lo", "ເບີກເງິນເດືອນລ່ວງໜ້າ ເປັນຄ່າປີ້ຍົນ ຫັກຄືນຕອນຈ່າຍເງິນເດືອນ", "debt",
     "ເບີກເງິນເດືອນລ່ວງໜ້າໄດ້ 30% ຫັກຄືນຕອນຈ່າຍເງິນເດືອນ"),
    # A nanny's job: the children who may not go out alone (ကလေးများ … မထွက်ရ) are not the worker (my, as Vietnamese
    # above); the helper who may not go out alone is still held.
    ("my", "အိမ်အကူ အပြင် တစ်ယောက်တည်း မထွက်ရ၊ အိမ်ရှင် လိုက်ပို့မည်။", "restricted_movement",
     "ကလေးများ တစ်ယောက်တည်း အပြင် မထွက်ရ၊ ကလေးထိန်း လိုက်ပို့ပေးရမည်။"),
    # The task scam's work and pay said another way: watching an ad for seconds (ເບິ່ງ ad 30 ວິ) and pay per review
    # (ຣີວິວໜຶ່ງ 15.000 ກີບ) (lo), five stars given (ကြယ် ၅ ပွင့်ပေး) and pay per review or order (review တစ်ခု ၂၀၀၀
    # ကျပ်) (my). A designer of ads, and guests who give the hotel five stars, are not it.
    ("lo", "ເບິ່ງ ad 20 ວິ ໄດ້ 3.000 ກີບ ມື້ລະ 100 ad", "task_scam",
     "ບໍລິສັດໂຄສະນາ ຮັບພະນັກງານອອກແບບ ad ໃນເຟສບຸກ ເງິນເດືອນ 3.000.000 ກີບ"),
    ("lo", "ໃຫ້ 5 ດາວ ຮ້ານອາຫານໃນ Google Maps ຣີວິວໜຶ່ງ 10.000 ກີບ", "task_scam",
     "ຮ້ານອາຫານ ຮັບພະນັກງານເສີບ ລູກຄ້າໃຫ້ 5 ດາວ ໃນ Google Maps ຫຼາຍ"),
    ("my", "ဟိုတယ်တွေကို ကြယ် ၅ ပွင့်ပေး၊ review တစ်ခု ၁၅၀၀ ကျပ်၊ တစ်ရက် ၅ သောင်း", "task_scam",
     "ဟိုတယ် ဧည့်ကြို လိုသည်၊ ဧည့်သည်များ ကြယ် ၅ ပွင့် ပေးသော ဟိုတယ်။ လစာ ကျပ် ၃ သိန်း"),
    # "Let you keep your passport" (let, allow… keep) says the worker holds it: a "give" before it (a written contract
    # given) no longer meets the passport (en, bp-en-10). A passport given to the boss beside a phone the worker keeps
    # is held.
    ("en", "We give the boss your passport and let you keep your phone.", "documents_kept",
     "We give you a written contract and let you keep your passport."),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", LEFTOVERS_10,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(LEFTOVERS_10)])
def test_tenth_leftover_classes_publish_the_honest_wording_and_hold_the_deceptive_one(language, deceptive, indicator,
                                                                                     honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


# The second rules-aware attack (attack2_ads.jsonl, issue 27), by class: each deceptive wording the rules published
# beside an honest wording of the same subject that must publish (or, for a false alarm, each honest wording the rules
# held beside a deceptive one that must stay held), in every language the class was seen in.
ATTACK_2 = [
    # A phone named by a word outside the list (handset, the worker's device, smartphone, "the machine of" the worker).
    ("en", "While you live with us your handset is looked after by the employer; calls home on Sundays.", "isolation",
     "Bring your own handset to work; we pay 300 baht a month for the phone bill."),
    ("th", "ระหว่างทำงาน หัวหน้าเก็บเครื่องของคุณไว้ โทรหาบ้านได้เดือนละครั้ง", "isolation",
     "พนักงานใช้สมาร์ทโฟนของตัวเองได้ช่วงพักเที่ยง"),
    ("vi", "Máy của công nhân do quản lý giữ suốt thời gian làm việc.", "isolation",
     "Nhân viên được dùng smartphone cá nhân trong giờ nghỉ trưa."),
    ("my", "လက်ကိုင်စက်ကို သူဌေးက သိမ်းထားမည်။", "isolation",
     "နေ့လည်စာ အနားယူချိန်တွင် ကိုယ်ပိုင် လက်ကိုင်စက် သုံးနိုင်သည်။"),
    ("km", "ស្មាតហ្វូនរបស់កម្មករ ថៅកែរក្សាទុករហូតចប់កិច្ចសន្យា។", "isolation",
     "បុគ្គលិកអាចប្រើស្មាតហ្វូនផ្ទាល់ខ្លួនពេលសម្រាកថ្ងៃត្រង់។"),
    ("lo", "ສະມາດໂຟນຂອງຄົນງານ ນາຍຈ້າງເກັບໄວ້ຈົນໝົດສັນຍາ.", "isolation",
     "ພະນັກງານໃຊ້ສະມາດໂຟນຂອງຕົນເອງໄດ້ໃນເວລາພັກທ່ຽງ."),
    # A document or phone put in the boss's safe, drawer, cabinet or room: held by someone else without a verb of
    # keeping.
    ("en", "The workers' passports sit in the HR manager's safe until the two-year contract is over.", "documents_kept",
     "Staff keep their own passports; the HR manager files a photocopy in the office cabinet."),
    ("th", "พาสปอร์ตของคนงานอยู่ในลิ้นชักโต๊ะหัวหน้าจนกว่าจะครบสัญญา", "documents_kept",
     "พนักงานถือพาสปอร์ตของตัวเอง บริษัทถ่ายสำเนาไว้เท่านั้น"),
    ("vi", "Hộ chiếu của công nhân để trong két sắt của giám đốc cho đến khi hết hợp đồng.", "documents_kept",
     "Công nhân tự giữ hộ chiếu, công ty chỉ photo một bản để làm hồ sơ."),
    ("vi", "Máy của em để ở phòng bà chủ suốt thời gian làm việc.", "isolation",
     "Nhân viên được dùng smartphone cá nhân trong giờ nghỉ trưa."),
    ("my", "လုပ်သားများ၏ ပတ်စပို့ကို စာချုပ်ပြီးဆုံးသည်အထိ သူဌေး၏ ဗီရိုထဲတွင် ထည့်ထားမည်။", "documents_kept",
     "ပတ်စပို့ကို ကိုယ်တိုင် ကိုင်ထားပါ၊ ကုမ္ပဏီက မိတ္တူသာ ယူပါမည်။"),
    ("my", "အလုပ်ချိန်အတွင်း သင့် လက်ကိုင်စက်ကို အိမ်ရှင်၏ အခန်းတွင် ထားရမည်။", "isolation",
     "နေ့လည်စာ အနားယူချိန်တွင် ကိုယ်ပိုင် လက်ကိုင်စက် သုံးနိုင်သည်။"),
    ("km", "លិខិតឆ្លងដែនរបស់កម្មករ ទុកក្នុងថតតុរបស់ថៅកែ រហូតដល់ចប់កិច្ចសន្យា។", "documents_kept",
     "កម្មករកាន់លិខិតឆ្លងដែនដោយខ្លួនឯង ក្រុមហ៊ុនថតចម្លងតែមួយច្បាប់។"),
    ("km", "ពេលធ្វើការ ស្មាតហ្វូនរបស់អ្នក ដាក់នៅបន្ទប់ម្ចាស់ផ្ទះ ហៅទូរស័ព្ទទៅផ្ទះបានម្តងក្នុងមួយខែ។", "isolation",
     "បុគ្គលិកអាចប្រើស្មាតហ្វូនផ្ទាល់ខ្លួនពេលសម្រាកថ្ងៃត្រង់។"),
    ("lo", "ພາສປອດຂອງຄົນງານ ເກັບໄວ້ໃນລິ້ນຊັກໂຕະຫົວໜ້າ ຈົນໝົດສັນຍາ.", "documents_kept",
     "ຄົນງານຖືພາສປອດເອງ ບໍລິສັດເອົາແຕ່ສຳເນົາ."),
    ("lo", "ໃນເວລາເຮັດວຽກ ສະມາດໂຟນຂອງເຈົ້າ ວາງໄວ້ຫ້ອງເຈົ້າຂອງເຮືອນ ໂທຫາບ້ານໄດ້ເດືອນລະເທື່ອ.", "isolation",
     "ພະນັກງານໃຊ້ສະມາດໂຟນຂອງຕົນເອງໄດ້ໃນເວລາພັກທ່ຽງ."),
    # A chat app spelt outside the list (Za lô, ဗိုက်ဘာ, តេលេក្រាម, ວອດສແອັບ), a bare "Line <id>", Thai "add a Line
    # friend" (the Line pattern refuses ไลน์ right after น, as in ออนไลน์): the address or the interview only in the
    # chat is held; the same chat given for questions beside applying in person publishes.
    ("en", "Shop in Bangkok. For the salary and the address, add our Line bkkshop55.", "off_platform",
     "Apply in person at the shop; for questions add our Line shopbkk2026."),
    ("th", "ที่อยู่ร้านและวันสัมภาษณ์ เพิ่มเพื่อนไลน์ shop2026 แล้วบอกว่าเห็นโพสต์นี้", "off_platform",
     "สมัครด้วยตัวเองที่ร้าน หรือสอบถามเพิ่มเติม เพิ่มเพื่อนไลน์ร้าน shop2026"),
    ("vi", "Địa chỉ và giờ phỏng vấn kết bạn Za lô 0912345678 nhé.", "off_platform",
     "Nộp hồ sơ trực tiếp tại cửa hàng; có thắc mắc thì hỏi qua Za lô của cửa hàng."),
    ("my", "ဆိုင်လိပ်စာကို ဗိုက်ဘာ 09123456 တွင် မေးပါ။", "off_platform",
     "ဆိုင်သို့ ကိုယ်တိုင်လာ၍ လျှောက်ထားပါ။ မေးစရာရှိလျှင် ဆိုင်၏ ဗိုက်ဘာ 09123456 သို့ မေးနိုင်သည်။"),
    ("km", "អាសយដ្ឋានហាង និងម៉ោងសម្ភាសន៍ សូមបន្ថែមមិត្ត តេលេក្រាម 012345678។", "off_platform",
     "ដាក់ពាក្យផ្ទាល់នៅហាង ឬផ្ញើ CV តាមអ៊ីមែល។ សំណួរផ្សេងៗ សួរតាម តេលេក្រាម 012345678។"),
    ("lo", "ທີ່ຢູ່ຮ້ານ ໃຫ້ເພີ່ມໝູ່ ວອດສແອັບ 02012345678.", "off_platform",
     "ມາສະໝັກດ້ວຍຕົນເອງທີ່ຮ້ານ. ສອບຖາມ ວອດສແອັບ ຂອງຮ້ານ 02012345678."),
    # A sum asked "to hold / secure / reserve your place" (or a Vietnamese all-in package paid before the flight) is a
    # fee.
    ("en", "To keep your job place we need 5,000 baht when you sign the contract.", "recruitment_fee",
     "To hold your place, send your CV before Friday; 20 places only."),
    ("th", "ค่าจองตำแหน่งงาน 5000 บาท โอนก่อนเดินทาง", "recruitment_fee", "พนักงานรับจองห้องพัก เงินเดือน 12000 บาท"),
    ("vi", "Trọn gói 4.200 USD, đóng một lần trước ngày bay là xong hồ sơ.", "recruitment_fee",
     "Công ty lo trọn gói vé máy bay và visa, lương 8 triệu."),
    ("my", "အလုပ်နေရာ သေချာစေရန် ဘတ် 5000 ကို ကြိုလွှဲပါ။", "recruitment_fee",
     "ဧည့်သည်များ၏ ဟိုတယ်အခန်း ကြိုတင်စာရင်းသွင်းရန်။ လစာ ၃၀၀၀၀၀ ကျပ်။"),
    ("km", "ដើម្បីកក់កន្លែងការងារ សូមផ្ទេរ 5000 បាត មុនចេញដំណើរ។", "recruitment_fee",
     "បុគ្គលិកទទួលកក់បន្ទប់ភ្ញៀវ ប្រាក់ខែ 250 ដុល្លារ។"),
    ("lo", "ເພື່ອຈອງບ່ອນເຮັດວຽກ ໃຫ້ໂອນ 5000 ບາດ ກ່ອນເດີນທາງ.", "recruitment_fee", "ພະນັກງານຮັບຈອງຫ້ອງພັກ ເງິນເດືອນ 3.000.000 ກີບ."),
    # A cost the agent or boss "pays in your place" or "lends", then takes from the pay "until it is cleared / until the
    # full amount": a debt (and, for a cost of the job, a fee).
    ("en", "The agent pays your visa and bus, then 2,500 baht a month comes out of your money until it is cleared.",
     "debt", "The company pays your visa and bus ticket; you pay nothing back."),
    ("th", "ค่าตั๋วกับค่าวีซ่า เอเย่นต์จ่ายแทนให้ก่อน ทุกเดือนค่าแรง 2500 บาทไปเข้าเอเย่นต์จนกว่าจะครบยอด", "debt",
     "บริษัทออกค่าวีซ่าและค่ารถให้ ไม่ต้องจ่ายคืน"),
    ("vi", "Tiền vé công ty cho mượn trước, mỗi tháng bớt 2 triệu tiền công đến khi đủ.", "debt",
     "Nhân viên thu ngân: nhận tiền của khách và trả lại tiền thừa cho đến khi đủ ca, lương 7 triệu."),
    ("my", "ဗီဇာခ နှင့် ကားခ ကို အေးဂျင့်က ကျခံပြီး သင့် ဝင်ငွေထဲမှ လစဉ် ဘတ် 2000 ပြန်ယူမည်။", "debt",
     "ဗီဇာခ နှင့် ကားခ ကို ကုမ္ပဏီက အကုန်ကျခံပေးသည်၊ ပြန်ဆပ်စရာ မလိုပါ။"),
    ("km", "ថ្លៃឡាន និងទិដ្ឋាការ មេការចេញជំនួសសិន ហើយរៀងរាល់ខែ គាត់ដក 2000 បាត ពីលុយខែ រហូតគ្រប់ចំនួន។", "debt",
     "ក្រុមហ៊ុនចេញថ្លៃទិដ្ឋាការ និងថ្លៃឡានទាំងអស់ កម្មករមិនចាំបាច់សងវិញទេ។"),
    ("lo", "ຄ່າລົດ ແລະ ວີຊາ ນາຍໜ້າອອກແທນ ແລ້ວເຂົາເອົາ 2000 ບາດ ທຸກເດືອນ ຈົນຄົບຈຳນວນ.", "debt",
     "ບໍລິສັດອອກຄ່າວີຊາ ແລະ ຄ່າລົດໃຫ້ທັງໝົດ ບໍ່ຕ້ອງສົ່ງຄືນ."),
    # Part of each month's pay set aside "as a guarantee / security", given back only after years or at the contract's
    # end: wages withheld (a room or key deposit returned on moving out, or social security, is not).
    ("en", "Each month we put 1,500 baht of your pay aside as a guarantee, paid to you after two years.",
     "wages_withheld",
     "Key deposit 1,000 baht, returned when you move out. Social security from day one."),
    ("th", "ทุกเดือนบริษัทกันค่าแรงไว้ 1500 บาทเป็นเงินประกัน คืนให้เมื่อทำครบสองปี", "wages_withheld",
     "หักเงินเดือน 5% เป็นเงินประกันสังคมตามกฎหมาย"),
    ("vi", "Mỗi tháng công ty trích 1,5 triệu tiền lương làm tiền bảo đảm, làm đủ 2 năm mới trả.", "wages_withheld",
     "Công ty đóng bảo hiểm xã hội đầy đủ, đảm bảo lương đúng hạn."),
    ("my", "ကုမ္ပဏီက လစဉ် လုပ်ခ ဘတ် 1500 ကို အာမခံအဖြစ် ဖယ်ထားပြီး နှစ်နှစ်ပြည့်မှ ပြန်ပေးမည်။", "wages_withheld",
     "လူမှုဖူလုံရေး နှင့် မတော်တဆ အာမခံ ရှိသည်။"),
    ("km", "រៀងរាល់ខែ ក្រុមហ៊ុនដក 1500 បាត ពីប្រាក់ខែ ទុកជាការធានា ធ្វើគ្រប់ 2 ឆ្នាំទើបឱ្យវិញ។", "wages_withheld",
     "មានធានារ៉ាប់រងគ្រោះថ្នាក់ និងប.ស.ស។"),
    ("lo", "ທຸກເດືອນ ບໍລິສັດແບ່ງ 1500 ບາດ ຈາກເງິນເດືອນ ໄວ້ເປັນປະກັນ, ເຮັດຄົບ 2 ປີຈຶ່ງໃຫ້ຄືນ.", "wages_withheld",
     "ຫັກ 5% ເປັນປະກັນສັງຄົມ ຕາມກົດໝາຍ."),
    # The pay written down each month and handed over "all / in one lump / for the whole trip" only when the boat is
    # back: wages withheld (pay every month and a bonus when the boat returns publishes).
    ("en", "Your money is noted every month and the skipper hands it all over when the boat returns to port.",
     "wages_withheld", "Deckhands paid every month by bank transfer; a bonus when the boat returns to port."),
    ("th", "ยอดเงินของลูกเรือจดลงสมุด ไต๋จ่ายรวมทั้งก้อนตอนเรือกลับเข้าฝั่ง", "wages_withheld",
     "ค่าแรงโอนเข้าบัญชีทุกเดือน เรือเข้าฝั่งทุก 10 วัน"),
    ("vi", "Chủ tàu ghi sổ tiền công, chia cả chuyến khi tàu về bến.", "wages_withheld",
     "Lương trả hằng tháng qua ngân hàng, tàu về bến mỗi tuần."),
    ("my", "လုပ်ခကို စာအုပ်ထဲ မှတ်ထားပြီး သင်္ဘော ကမ်းသို့ ပြန်ကပ်မှ တစ်ပေါင်းတည်း ပေးမည်။", "wages_withheld",
     "လုပ်ခကို လစဉ် ဘဏ်မှ လွှဲပေးသည်၊ သင်္ဘော ကမ်းသို့ ပြန်ကပ်ချိန် ဆုကြေး ရှိသည်။"),
    ("km", "លុយខែកត់ទុក ហើយថៅកែបើកឱ្យទាំងអស់ពេលទូកមកដល់កំពង់វិញ។", "wages_withheld",
     "ប្រាក់ខែបើករៀងរាល់ខែតាមធនាគារ ទូកមកដល់កំពង់វិញរៀងរាល់សប្តាហ៍។"),
    ("lo", "ຄ່າແຮງຈົດໄວ້ ແລະ ເຖົ້າແກ່ໃຫ້ທັງກ້ອນ ມື້ເຮືອເຂົ້າຝັ່ງ.", "wages_withheld",
     "ຄ່າແຮງຈ່າຍທຸກເດືອນຜ່ານທະນາຄານ ເຮືອເຂົ້າຝັ່ງທຸກອາທິດ."),
    # Leaving before the contract's months "is your choice" but then the costs go back to the company: a penalty for
    # leaving (Khmer and Lao write it with "not yet N months", which the negation reads as a denial: left for now).
    ("en", "Leaving before 12 months is up to you, but then 12,000 baht for the permit and the bus is transferred back "
     "to the company.", "resignation_penalty",
     "You may leave before 12 months with one month's notice; your deposit is returned to you."),
    ("th", "ใครลาออกก่อนครบ 12 เดือน ก็ออกได้ แต่ค่าใบอนุญาตและค่าเดินทาง 12000 บาทต้องคืนให้บริษัท", "resignation_penalty",
     "ลาออกก่อนครบ 12 เดือนได้ แจ้งล่วงหน้า 30 วัน ได้ค่าจ้างครบทุกวัน"),
    ("vi", "Ai nghỉ sớm hơn 12 tháng thì gửi lại công ty 12 triệu tiền giấy phép và xe.", "resignation_penalty",
     "Ai muốn nghỉ sớm hơn 12 tháng chỉ cần báo trước 30 ngày, công ty trả đủ lương."),
    ("my", "တစ်နှစ် မပြည့်ခင် ပြန်ချင်ရင် ပြန်လို့ရသည်၊ ဒါပေမယ့် ပါမစ်ခ ဘတ် 12000 ကို ကုမ္ပဏီ အကောင့်သို့ ပြန်လွှဲရမည်။",
     "resignation_penalty", "တစ်နှစ် မပြည့်ခင် ထွက်ချင်ရင် တစ်လ ကြိုပြောပါ၊ ဘာမှ ပေးစရာ မလိုပါ။"),
    # False alarm: a guard who keeps visitors' (guests') ID cards at the desk until they leave; a worker's card kept
    # by the guard until the contract ends is still held.
    ("en", "The guard keeps your ID card at the desk until your contract ends.", "documents_kept",
     "Gate guard for a factory: check visitors and keep their ID cards at the guardhouse until they go."),
    ("th", "รปภ. เก็บบัตรประชาชนของพนักงานไว้ที่ป้อมจนกว่าจะครบสัญญา", "documents_kept",
     "รปภ. อาคาร เก็บบัตรประจำตัวของผู้มาติดต่อไว้ที่เคาน์เตอร์ คืนให้ตอนออก"),
    ("vi", "Bảo vệ giữ căn cước của công nhân đến khi hết hợp đồng.", "documents_kept",
     "Bảo vệ tòa nhà: giữ căn cước của khách đến tại quầy, trả lại khi khách về."),
    ("km", "ថៅកែរក្សាទុកអត្តសញ្ញាណប័ណ្ណរបស់កម្មករ រហូតដល់ចប់កិច្ចសន្យា។", "documents_kept",
     "សន្តិសុខ រក្សាទុកអត្តសញ្ញាណប័ណ្ណភ្ញៀវនៅតុ ហើយឱ្យវិញពេលភ្ញៀវចេញ។"),
    ("lo", "ນາຍຈ້າງເກັບບັດປະຈຳຕົວຂອງຄົນງານໄວ້ ຈົນໝົດສັນຍາ.", "documents_kept",
     "ຍາມ ເກັບບັດປະຈຳຕົວຂອງແຂກໄວ້ທີ່ປ້ອມ ຈົນແຂກກັບ."),
    # False alarm (Khmer): the "held by someone else" word យក read inside ជាមួយក… ("with the contract").
    ("km", "លិខិតឆ្លងដែនរបស់កម្មករ ថៅកែយកទុករហូតចប់កិច្ចសន្យា។", "documents_kept",
     "ត្រូវការលិខិតឆ្លងដែន ធ្វើការជាមួយកិច្ចសន្យា 2 ឆ្នាំ។"),
    # False alarm: a job handling customers' money (late payers reminded to repay, a salary advance on the 15th taken
    # off at month end, an estate agent's commission on each sale, students' registration fees); the worker's own
    # debt or fee is still held.
    ("en", "Accounts clerk. We lend you the visa money and take it from your salary.", "debt",
     "Billing clerk: follow up clients who pay late and remind them to repay what they owe. 16,000 baht."),
    ("th", "เอเย่นต์ให้ยืมค่าวีซ่า แล้วหักจากเงินเดือนทุกเดือน", "debt",
     "พนักงานบัญชี ทวงถามลูกค้าให้ชำระหนี้ตรงเวลา เงินเดือน 16000 บาท"),
    ("vi", "Công ty ứng tiền vé máy bay rồi trừ vào lương hằng tháng.", "debt",
     "Nhân viên bán hàng, được ứng lương ngày 15 rồi trừ vào lương cuối tháng."),
    ("my", "အလုပ်ရရန် ပွဲစား အကျိုးဆောင်ခ ဘတ် 5000 ပေးရမည်။", "recruitment_fee",
     "အိမ်ခြံမြေ ပွဲစား ဝန်ထမ်း၊ လစာ ၃၀၀၀၀၀ ကျပ် + ရောင်းရသည့် အိမ်တိုင်း၏ အကျိုးဆောင်ခ ၂%။"),
    ("my", "အလုပ်သမားတိုင်း မှတ်ပုံတင်ကြေး ဘတ် 3000 ပေးရမည်။", "recruitment_fee",
     "သင်တန်းကျောင်း ရုံးဝန်ထမ်း၊ ကျောင်းသားများ၏ မှတ်ပုံတင်ကြေး လက်ခံရန်။"),
    # False alarm: phones left in a (staff) locker before the clean room or the production line; a worker's phone kept
    # by the boss until the contract ends is still held.
    ("th", "หัวหน้าเก็บมือถือของคนงานไว้จนครบสัญญา", "isolation",
     "ห้ามนำมือถือเข้าห้องสะอาด ให้ฝากไว้ที่ล็อกเกอร์ของตัวเองหน้าห้อง"),
    ("km", "ថៅកែរក្សាទុកទូរស័ព្ទរបស់កម្មករ រហូតចប់កិច្ចសន្យា។", "isolation",
     "ហាមយកទូរស័ព្ទចូលបន្ទប់ស្អាត សូមទុកនៅទូចាក់សោផ្ទាល់ខ្លួន។"),
    ("lo", "ນາຍຈ້າງເກັບໂທລະສັບຂອງຄົນງານໄວ້ ຈົນໝົດສັນຍາ.", "isolation",
     "ຫ້າມເອົາໂທລະສັບເຂົ້າຫ້ອງສະອາດ ໃຫ້ຝາກໄວ້ຕູ້ລັອກເກີຂອງຕົນເອງ."),
    # False alarm: a photo and phone number sent to a chat app, then the shop calls to set an interview; the same chat
    # with the pay or the details only in it is still held.
    ("en", "Send a photo to our WhatsApp +66 81 234 5678; salary details only in the chat.", "off_platform",
     "Send a photo and your number to our WhatsApp +66 81 234 5678 and the manager will call you to arrange an "
     "interview."),
    ("th", "ส่งรูปทางไลน์ @cafe_hr รายละเอียดเงินเดือนคุยในแชทเท่านั้น", "off_platform",
     "ส่งรูปกับเบอร์โทรทางไลน์ @cafe_hr แล้วร้านจะโทรนัดวันสัมภาษณ์"),
    ("vi", "Gửi ảnh qua Zalo 0912 345 678, chi tiết lương chỉ trao đổi qua Zalo.", "off_platform",
     "Gửi ảnh qua Zalo 0912 345 678, quán sẽ gọi lại hẹn lịch phỏng vấn."),
    ("km", "ផ្ញើរូបថតមក Telegram 012345678 ព័ត៌មានលម្អិតតាម Telegram តែប៉ុណ្ណោះ។", "off_platform",
     "ផ្ញើរូបថតមក Telegram 012345678 ហើយយើងនឹងទាក់ទងណាត់ពេលសម្ភាសន៍។"),
    ("lo", "ສົ່ງຮູບມາທາງ WhatsApp 02012345678 ລາຍລະອຽດເງິນເດືອນທາງແຊັດເທົ່ານັ້ນ.", "off_platform",
     "ສົ່ງຮູບມາທາງ WhatsApp 02012345678 ແລ້ວທາງຮ້ານຈະໂທນັດມື້ສຳພາດ."),
    # A task scam without the listed verbs: hotels or shops given full marks ("5 out of 5", "10 points") on a booking
    # site or app, paid per time or for each one; a receptionist asking guests for a score, or a teacher's marking,
    # publishes.
    ("en", "Work from home: give each hotel 5 out of 5 on a travel website, 40 baht for each one.", "task_scam",
     "Hotel receptionist: ask guests to score their stay out of 10 on our feedback card. 12,000 baht a month."),
    ("th", "ทำผ่านมือถือ ให้คะแนนร้านอาหารในแอปเต็ม 5 ได้ครั้งละ 30 บาท", "task_scam",
     "พนักงานต้อนรับ ขอให้ลูกค้าให้คะแนนความพอใจเต็ม 5 เงินเดือน 12000 บาท"),
    ("vi", "Chỉ cần cho mỗi khách sạn điểm 10 trên ứng dụng, mỗi lần 15k.", "task_scam",
     "Lễ tân khách sạn, mời khách cho điểm 10 trên phiếu góp ý, lương 7 triệu."),
    ("my", "ဖုန်းဖြင့် ဆိုင်တွေကို အမှတ် 10 ပြည့် ပေးရုံ၊ တစ်ခုလျှင် ကျပ် 800 ရမည်။", "task_scam",
     "ဆရာ/ဆရာမ၊ ကျောင်းသားများ၏ စာမေးပွဲကို အမှတ်ပေးရန်၊ လစာ ၃၅၀၀၀၀ ကျပ်။"),
    ("km", "គ្រាន់តែឱ្យពិន្ទុ 10 ដល់ហាងនៅលើកម្មវិធី មួយដងបាន 1500 រៀល។", "task_scam",
     "គ្រូបង្រៀន ដាក់ពិន្ទុប្រឡងសិស្ស ប្រាក់ខែ 300 ដុល្លារ។"),
    ("lo", "ພຽງແຕ່ກົດ 10 ເຕັມ ໃຫ້ຮ້ານໃນແອັບ ແຕ່ລະເທື່ອໄດ້ 3000 ກີບ.", "task_scam",
     "ຄູສອນ ໃຫ້ຄະແນນການສອບເສັງນັກຮຽນ ເງິນເດືອນ 4.000.000 ກີບ."),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", ATTACK_2,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(ATTACK_2)])
def test_second_attack_classes_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive, indicator,
                                                                                    honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


TUNER_13 = [
    # Confinement without a forbidding word: the rest day spent inside the house, the fence or the compound ("on
    # your day off too you stay in the house", วันหยุดก็อยู่ในบ้าน, ngày nghỉ cũng ở trong nhà).
    ("en", "Nanny for twins. Rest days included, but on them you stay inside the compound with the children.",
     "restricted_movement", "Nanny for twins. Rest day every Sunday; where you spend it is up to you."),
    ("th", "แม่บ้านดูแลเด็ก วันหยุดก็ให้อยู่ในบ้านกับเด็ก ๆ", "restricted_movement",
     "แม่บ้านดูแลเด็ก หยุดวันอาทิตย์ จะออกไปเที่ยวหรืออยู่บ้านก็ได้"),
    ("my", "ကလေးထိန်း လိုအပ်။ ပိတ်ရက်တွင်လည်း ခြံဝင်းထဲမှာပဲ နေပေးပါ။", "restricted_movement",
     "ကလေးထိန်း လိုအပ်။ နားရက်တွင် အပြင်ထွက်နိုင်သည်။"),
    ("vi", "Giúp việc trông trẻ. Ngày nghỉ chị cũng ở trong nhà với các bé.", "restricted_movement",
     "Giúp việc trông trẻ. Nghỉ chủ nhật, chị đi chơi hay về quê tùy ý."),
    ("km", "មើលក្មេង។ ថ្ងៃឈប់ ត្រូវនៅក្នុងផ្ទះជាមួយក្មេងៗ។", "restricted_movement",
     "មើលក្មេង។ ឈប់ថ្ងៃអាទិត្យ ចង់ទៅណាក៏បាន។"),
    ("lo", "ລ້ຽງເດັກ. ມື້ພັກກໍຢູ່ໃນເຮືອນກັບເດັກນ້ອຍ.", "restricted_movement",
     "ລ້ຽງເດັກ. ພັກວັນອາທິດ ຢາກໄປໃສກໍໄດ້."),
    # Scam-compound places named by a landmark or misspelt, and travel arranged in unlisted words.
    ("en", "Chat support staff, office in Sianouk Ville. Age 18-28, typing in Thai, 1,200 USD a month.",
     "scam_compound", "Chat support staff, office in Chiang Mai. Age 18-28, typing in Thai, 1,200 USD a month."),
    ("en", "Online sales team abroad, age 20-30, 40,000 baht. We book your bus seat and handle the border paperwork.",
     "scam_compound", "Online sales team in Bangkok, age 20-30, 40,000 baht. Apply at our office in Silom."),
    ("th", "แอดมินตอบแชท ออฟฟิศเดินข้ามสะพานจากตลาดโรงเกลือ อายุ 18-30 เงินเดือน 30,000 บาท", "scam_compound",
     "แอดมินตอบแชท ร้านผ้าในตลาดโรงเกลือ อายุ 18-30 เงินเดือน 12,000 บาท"),
    ("my", "Online chat ဝန်ထမ်း၊ သောင်ရင်းမြစ်တစ်ဖက်ကမ်း ရုံး။ အသက် 18-28။ ဘတ် 40000။", "scam_compound",
     "Online chat ဝန်ထမ်း၊ ရန်ကုန် ရုံး။ အသက် 18-28။ လစာ ၃၀၀၀၀၀ ကျပ်။"),
    ("vi", "Nhân viên trực page ở Ba Vét, tuổi 18-30, lương 1.500 USD, có xe đón tại Tây Ninh.", "scam_compound",
     "Nhân viên trực page ở Tây Ninh, tuổi 18-30, lương 8 triệu, làm tại văn phòng công ty."),
    ("km", "បុគ្គលិកឆាតអនឡាញ ការិយាល័យនៅអូរឆើទាល អាយុ 18-28 ប្រាក់ខែ 1000 ដុល្លារ ឡានក្រុមហ៊ុនមកដឹកដល់ផ្ទះ។",
     "scam_compound", "បុគ្គលិកឆាតអនឡាញ ការិយាល័យនៅបាត់ដំបង អាយុ 18-28 ប្រាក់ខែ 300 ដុល្លារ។"),
    ("lo", "ພະນັກງານແຊັດອອນລາຍ ຫ້ອງການຢູ່ຕົ້ນເພິ້ງ ອາຍຸ 18-28 ເງິນເດືອນ 1,000 ໂດລາ ບໍລິສັດສົ່ງລົດມາຮັບ.",
     "scam_compound", "ພະນັກງານແຊັດອອນລາຍ ຫ້ອງການຢູ່ຫຼວງພະບາງ ອາຍຸ 18-28 ເງິນເດືອນ 3.000.000 ກີບ."),
    # Big promises: "even if you never worked" and amounts written out in words.
    ("en", "Restaurant staff abroad: fifty thousand baht a month even if you have never worked.", "vague_promise",
     "Restaurant staff abroad: fifty thousand baht a month for chefs with five years' experience."),
    ("th", "พนักงานร้านอาหาร รายได้ห้าหมื่นบาทตั้งแต่เดือนแรก แม้จะไม่เคยทำงานมาก่อน", "vague_promise",
     "พนักงานร้านอาหาร รายได้ 12,000 บาท ไม่เคยทำงานมาก่อนก็รับ"),
    ("my", "စားသောက်ဆိုင် ဝန်ထမ်း၊ ဘာအလုပ်မှ မလုပ်ဖူးသူလည်း လစဉ် သိန်းလေးဆယ် ရမည်။", "vague_promise",
     "စားသောက်ဆိုင် ဝန်ထမ်း၊ လစာ သိန်းလေးဆယ်၊ စားဖိုမှူး အတွေ့အကြုံ ၅ နှစ် လိုအပ်သည်။"),
    ("vi", "Phục vụ nhà hàng nước ngoài, thu nhập bốn mươi triệu mỗi tháng dù chưa từng đi làm.", "vague_promise",
     "Phục vụ nhà hàng nước ngoài, thu nhập bốn mươi triệu mỗi tháng, yêu cầu 3 năm kinh nghiệm bếp."),
    ("km", "បុគ្គលិកភោជនីយដ្ឋាន ទោះមិនធ្លាប់ធ្វើការ ក៏បានប្រាក់ខែមួយពាន់ដុល្លារ។", "vague_promise",
     "បុគ្គលិកភោជនីយដ្ឋាន ប្រាក់ខែមួយពាន់ដុល្លារ សម្រាប់ចុងភៅមានបទពិសោធន៍ 5 ឆ្នាំ។"),
    ("lo", "ພະນັກງານຮ້ານອາຫານ ເຖິງບໍ່ເຄີຍເຮັດວຽກ ກໍໄດ້ເງິນເດືອນຊາວລ້ານກີບ.", "vague_promise",
     "ພະນັກງານຮ້ານອາຫານ ເງິນເດືອນຊາວລ້ານກີບ ສຳລັບພໍ່ຄົວທີ່ມີປະສົບການ 5 ປີ."),
    # Khmer and Lao leaving before the term said as "not yet N months" (មិនទាន់គ្រប់, ບໍ່ທັນຄົບ: a condition, not a
    # denial) and the penalty as money sent into the company's or broker's account.
    ("km", "អ្នកណាចង់ត្រឡប់ផ្ទះវិញ មិនទាន់គ្រប់ 6 ខែ ត្រូវផ្ញើ 200 ដុល្លារ ចូលគណនីមេខ្យល់។", "resignation_penalty",
     "អ្នកណាចង់ត្រឡប់ផ្ទះវិញ មិនទាន់គ្រប់ 6 ខែ អាចទៅបាន ដោយមិនបង់អ្វីទាំងអស់។"),
    ("lo", "ຜູ້ໃດຢາກກັບເມືອບໍ່ທັນຄົບ 6 ເດືອນ ຕ້ອງໂອນ 8000 ບາດ ເຂົ້າບັນຊີນາຍໜ້າ.", "resignation_penalty",
     "ຜູ້ໃດຢາກກັບເມືອບໍ່ທັນຄົບ 6 ເດືອນ ກໍກັບໄດ້ ບໍ່ມີຄ່າປັບ."),
    # Phones left outside the work floor or the clean room during the shift: a factory rule, not isolation.
    ("vi", "Công nhân gửi lại điện thoại cho tổ trưởng giữ suốt thời gian hợp đồng.", "isolation",
     "Khi vào phòng sạch, công nhân gửi lại điện thoại ở tủ đồ, ra ca lấy lại."),
    ("my", "အဆောင်တွင် ဖုန်းသုံးခွင့်မရှိ၊ အပြင်မထွက်ရ။", "restricted_movement",
     "လုပ်ငန်းခွင်ထဲမှာ ဖုန်းသုံးခွင့်မရှိ၊ ထမင်းစားချိန်မှာ ပြန်ယူနိုင်သည်။"),
    # Lexicons (documents, held by someone else): the papers workers carry named as they say them (a seaman's book,
    # พาส, บัตรชมพู, pát pót, giấy thông hành, မှတ်ပုံ, CI, ပင့်ကတ်, កាតខ្មែរ, ប៉ាស្ពរ, ບັດສີບົວ, ພາດສະປອດ), and the
    # boss "hanging on to" them, เอาไป, giữ giùm, ချုပ်ထား, ឃុំទុក, ຮິບ.
    ("en", "Deckhands: the skipper hangs on to every seaman's book until the boat is back in port.", "documents_kept",
     "Deckhands: bring your seaman's book to sign on; it stays in your own bag on board."),
    ("th", "งานโรงงาน พาสกับบัตรชมพู เถ้าแก่ขอไว้ตลอดสัญญา", "documents_kept",
     "งานโรงงาน ถ่ายสำเนาพาสกับบัตรชมพูมาสมัคร ตัวจริงอยู่กับคุณ"),
    ("vi", "Qua bên đó pát pót với giấy thông hành chủ giữ giùm hết.", "documents_kept",
     "Nhớ mang theo pát pót và giấy thông hành bản gốc, tự cất trong túi mình."),
    ("my", "မှတ်ပုံ နဲ့ ပင့်ကတ် ကို ပွဲစားက ချုပ်ထားမယ်။", "documents_kept",
     "မှတ်ပုံ မိတ္တူ နဲ့ ဓာတ်ပုံ ၂ ပုံ ယူလာပါ။"),
    ("km", "ប៉ាស្ពរ និង កាតខ្មែរ ថៅកែឃុំទុករហូតចប់កុងត្រា។", "documents_kept",
     "យកកាតខ្មែរមកថតចម្លង ហើយយកត្រឡប់ទៅវិញភ្លាម។"),
    ("lo", "ພາດສະປອດ ແລະ ບັດສີບົວ ນາຍຈ້າງຮິບໄວ້ຈົນໝົດສັນຍາ.", "documents_kept",
     "ເອົາສຳເນົາພາດສະປອດ ແລະ ບັດສີບົວມາສະໝັກ."),
    # Lexicons (fees and deposits, debt and advances): tea money, ค่าเดินเรื่อง, ค่าคิว, cọc
    # trước, tiền chạy, ပွဲစားဖိုး, លុយជើងសារ, ຄ່າຄິວ; a cost the boss "covers for now", ออกตังค์ให้ก่อน,
    # ຈ່າຍແທນໃຫ້ກ່ອນ; owing the broker money (ค้างเงินนายหน้า).
    ("en", "The agent wants tea money before he signs you up.", "recruitment_fee",
     "We pay for the staff's tea and coffee; applying costs nothing."),
    ("en", "The company covers everything for now, air tickets included.", "debt",
     "The company pays for all the tickets."),
    ("th", "จ่ายค่าเดินเรื่อง 5,000 บาท ก่อนเข้างาน", "recruitment_fee",
     "บริษัทเดินเรื่องวีซ่าให้ทั้งหมด"),
    ("th", "ค่าตั๋วเครื่องบินเถ้าแก่ออกตังค์ให้ก่อน", "debt",
     "ค่าตั๋วเครื่องบินเถ้าแก่จ่ายให้ทั้งหมด"),
    ("th", "คนงานที่ค้างเงินนายหน้าอยู่ ต้องทำต่ออีกปี", "debt",
     "คนงานทำสัญญาปีต่อปี ต่อสัญญาได้"),
    ("vi", "Cọc trước 5 triệu là có việc bên Nhật.", "recruitment_fee",
     "Đơn đi Nhật: công ty chịu toàn bộ chi phí, người lao động không đóng gì."),
    ("my", "အလုပ်ရဖို့ ပွဲစားဖိုး ဘတ် ၅၀၀၀ ပေးရမယ်။", "recruitment_fee",
     "စက်ရုံက တိုက်ရိုက် ခေါ်သည်၊ အလုပ်ရဖို့ ဘာမှ ပေးစရာ မလို။"),
    ("km", "ត្រូវបង់លុយជើងសារ 200 ដុល្លារ មុនចេញដំណើរ។", "recruitment_fee",
     "ក្រុមហ៊ុនចេញថ្លៃធ្វើដំណើរទាំងអស់ឱ្យកម្មករ។"),
    ("lo", "ຕ້ອງຈ່າຍຄ່າຄິວ 2.000.000 ກີບ ຈຶ່ງໄດ້ໄປກ່ອນ.", "recruitment_fee",
     "ບໍລິສັດອອກຄ່າໃຊ້ຈ່າຍທັງໝົດໃຫ້ຄົນງານ."),
    ("lo", "ຄ່າປີ້ຍົນ ນາຍຈ້າງຈ່າຍແທນໃຫ້ກ່ອນ.", "debt",
     "ຄ່າປີ້ຍົນ ນາຍຈ້າງອອກໃຫ້ທັງໝົດ."),
    # Lexicons (pay withheld, leaving penalties): leaving said the way workers say it (jump ship, do a runner,
    # เทงาน, ชิ่ง, bùng hợp đồng, trốn việc, အလုပ်ပစ်ထွက်, រត់ចោល, ໜີວຽກ), the penalty (lose the last month's pay,
    # โดนปรับ, mất trắng,, បាត់លុយកក់, ໂດນປັບ), and pay kept until going home (on hold, saved for you,
    # ได้ตูมเดียวตอนกลับ, ngâm lương, ໄດ້ຕອນກັບເມືອ).
    ("en", "Deckhands who jump ship mid-season lose their last month's pay.", "resignation_penalty",
     "Deckhands may sign off at any port; their last month's pay is transferred in full."),
    ("en", "Your wages are on hold until you go home.", "wages_withheld",
     "Wages are paid into your bank account every month."),
    ("th", "ใครเทงานก่อนครบปี โดนปรับ 10,000 บาท", "resignation_penalty",
     "อยากเปลี่ยนงานแจ้งล่วงหน้า 30 วัน"),
    ("th", "ค่าแรงได้ตูมเดียวตอนกลับบ้าน", "wages_withheld",
     "ค่าแรงโอนเข้าบัญชีทุกวันที่ 1"),
    ("vi", "Ai bùng hợp đồng giữa năm thì mất trắng tháng lương cuối.", "resignation_penalty",
     "Muốn nghỉ việc báo trước 30 ngày, nhận đủ lương."),
    ("vi", "Công ty ngâm lương, về nước mới trả hết.", "wages_withheld",
     "Lương trả ngày 10 hằng tháng qua ngân hàng."),
    ("my", "အလုပ်ပစ်ထွက်သူ တစ်လစာ လျော်ရမယ်။", "resignation_penalty",
     "အလုပ်ပြောင်းလိုလျှင် တစ်လ ကြိုပြောပါ။"),
    ("km", "អ្នកណារត់ចោលការងារ បាត់លុយកក់ទាំងអស់។", "resignation_penalty",
     "ចង់ឈប់ការងារ ជូនដំណឹងមុន 15 ថ្ងៃ។"),
    ("lo", "ຜູ້ທີ່ໜີວຽກ ໂດນປັບ 5.000.000 ກີບ.", "resignation_penalty",
     "ຢາກປ່ຽນວຽກ ແຈ້ງລ່ວງໜ້າ 15 ມື້."),
    ("lo", "ເງິນເດືອນ ໄດ້ຕອນກັບເມືອ.", "wages_withheld",
     "ເງິນເດືອນ ໂອນເຂົ້າບັນຊີທຸກທ້າຍເດືອນ."),
    # Lexicons (phones, days off): the phone as people call it (handphone, ไอโฟน, dế yêu, đ.thoại) and no rest day said
    # in chat words (no off days, ไม่มีออฟ, làm xuyên tháng không nghỉ, ပိတ်ရက် မပေး, អត់មានថ្ងៃឈប់, ລາບໍ່ໄດ້).
    ("en", "Maids: madam keeps your handphone for you.", "isolation",
     "Maids may use their own handphone in their room."),
    ("en", "Farm work, no off days during harvest.", "isolation",
     "Farm work, two off days a week during harvest."),
    ("th", "ไอโฟนทุกเครื่อง หัวหน้าเก็บไว้จนจบงาน", "isolation",
     "ใช้ไอโฟนของตัวเองได้ช่วงพัก"),
    ("th", "ร้านอาหาร ไม่มีออฟ", "isolation",
     "ร้านอาหาร ออฟสัปดาห์ละ 1 วัน"),
    ("vi", "Dế yêu của em chủ giữ, cuối tuần mới đưa.", "isolation",
     "Giờ nghỉ trưa được dùng dế yêu của mình."),
    ("vi", "Phụ bếp, làm xuyên tháng không nghỉ.", "isolation",
     "Phụ bếp, nghỉ 4 ngày mỗi tháng."),
    ("my", "စက်ရုံ အလုပ်၊ ပိတ်ရက် လုံးဝ မပေး။", "isolation",
     "စက်ရုံ အလုပ်၊ တနင်္ဂနွေ ပိတ်ရက် ပေးသည်။"),
    ("km", "ធ្វើការរោងចក្រ អត់មានថ្ងៃឈប់ទេ។", "isolation",
     "ធ្វើការរោងចក្រ ឈប់ថ្ងៃអាទិត្យ។"),
    ("lo", "ວຽກຮ້ານອາຫານ ລາບໍ່ໄດ້ ຕະຫຼອດສັນຍາ.", "isolation",
     "ວຽກຮ້ານອາຫານ ພັກອາທິດລະ 1 ມື້."),
    # Lexicons (off-platform contact): chat words (hmu, ทักมา, kb zl, မက်ဆေ့ ပို့, ឆាតមកប្អូន, ທັກມາ).
    ("en", "Cleaners wanted, hmu for the pay.", "off_platform",
     "Cleaners wanted, apply at the front desk."),
    ("th", "รับพนักงานเสิร์ฟ สนใจทักมา", "off_platform",
     "รับพนักงานเสิร์ฟ สนใจสมัครที่ร้าน"),
    ("vi", "Tuyển phục vụ, ai cần việc kb zl nhé.", "off_platform",
     "Tuyển phục vụ, nộp hồ sơ trực tiếp tại quán."),
    ("my", "စားပွဲထိုး လိုသည်၊ မက်ဆေ့ ပို့ပါ။", "off_platform",
     "စားပွဲထိုး လိုသည်၊ ဆိုင်သို့ လာလျှောက်ပါ။"),
    ("km", "ត្រូវការអ្នករត់តុ ឆាតមកប្អូន។", "off_platform",
     "ត្រូវការអ្នករត់តុ មកដាក់ពាក្យផ្ទាល់នៅហាង។"),
    ("lo", "ຮັບພະນັກງານເສີບ ສົນໃຈທັກມາ.", "off_platform",
     "ຮັບພະນັກງານເສີບ ສົນໃຈມາສະໝັກທີ່ຮ້ານ."),
    # Lexicons (scam-work words, task-scam verbs, travel arranged): USDT or forex trading, chatting with foreign men
    # (chat với trai tây), MMO; grabbing or brushing orders, ปั๊มยอด, đơn ảo, ရှယ်လုပ်ရုံ, ចុច follow, ແຍ່ງອໍເດີ;
    # crossing by the "natural channel" or a forest path (ช่องทางธรรมชาติ, đi đường chui, ផ្លូវព្រៃ, ທາງທຳມະຊາດ).
    ("en", "USDT trading team in Poipet, 2,000 USD a month, age 20-30.", "scam_compound",
     "USDT trading team in Singapore, 2,000 USD a month, degree in finance required."),
    ("en", "Earn 300 baht a day grabbing orders on your phone.", "task_scam",
     "Earn 300 baht a day packing orders in our warehouse."),
    ("th", "งานแอดมิน อายุ 18-25 เงินเดือน 40,000 บาท ข้ามไปทางช่องทางธรรมชาติ", "scam_compound",
     "งานแอดมิน อายุ 18-25 เงินเดือน 15,000 บาท ทำที่ออฟฟิศสีลม"),
    ("th", "งานปั๊มยอดไลก์ วันละ 500 บาท", "task_scam",
     "งานแพ็คของ วันละ 500 บาท"),
    ("vi", "Tuyển nv chat với trai tây, lương 1.500 USD, tuổi 18-25, đi đường chui.", "scam_compound",
     "Tuyển nv chăm sóc khách hàng nước ngoài tại Hà Nội, lương 12 triệu."),
    ("vi", "Làm đơn ảo cho shop, mỗi ngày 300k.", "task_scam",
     "Đóng gói đơn cho shop, mỗi ngày 300k."),
    ("my", "ရှယ်လုပ်ရုံနဲ့ တစ်ရက် ဘတ် 500 ရမယ်။", "task_scam",
     "ဆိုင်ရောင်းသူ၊ တစ်ရက် ဘတ် 500။"),
    ("km", "ចុច follow ទំព័រ បានលុយមួយថ្ងៃ 10 ដុល្លារ។", "task_scam",
     "លក់ទំនិញនៅហាង មួយថ្ងៃ 10 ដុល្លារ។"),
    ("km", "ការងារឆាត អាយុ 18-25 ប្រាក់ខែ 1500 ដុល្លារ ឆ្លងតាមផ្លូវព្រៃ។", "scam_compound",
     "ការងារឆាត អាយុ 18-25 ប្រាក់ខែ 300 ដុល្លារ នៅបាត់ដំបង។"),
    ("lo", "ແຍ່ງອໍເດີໃນແອັບ ໄດ້ວັນລະ 100.000 ກີບ.", "task_scam",
     "ຂາຍເຄື່ອງໃນຮ້ານ ວັນລະ 100.000 ກີບ."),
    ("lo", "ວຽກແຊັດ ອາຍຸ 18-25 ເງິນເດືອນ 1,500 ໂດລາ ຂ້າມທາງທຳມະຊາດ.", "scam_compound",
     "ວຽກແຊັດ ອາຍຸ 18-25 ເງິນເດືອນ 3.000.000 ກີບ ຢູ່ວຽງຈັນ."),
    # Lexicons (confinement): said in everyday words (no going out, ไปไหนไม่ได้, không cho ra ngoài, អត់ឱ្យចេញ with
    # the spoken negation, ບໍ່ໃຫ້ອອກໄປໃສ), and the Khmer spoken "no pay back" (អត់បានលុយខែវិញទេ) after leaving.
    ("en", "Maids, no outings in the first year.", "restricted_movement",
     "Maids, free to go out after work and on Sundays."),
    ("th", "แม่บ้านอยู่ประจำ ไปไหนไม่ได้ถ้าคุณนายไม่อนุญาต", "restricted_movement",
     "แม่บ้านอยู่ประจำ เลิกงานไปไหนได้ตามสบาย"),
    ("vi", "Giúp việc ở lại, chủ không cho ra ngoài một mình.", "restricted_movement",
     "Giúp việc ở lại, tối được ra ngoài đi chơi."),
    ("km", "អ្នកបម្រើក្នុងផ្ទះ ថៅកែអត់ឱ្យចេញក្រៅទេ។", "restricted_movement",
     "អ្នកបម្រើក្នុងផ្ទះ ល្ងាចអាចចេញក្រៅបាន។"),
    ("lo", "ແມ່ບ້ານ ນາຍຈ້າງບໍ່ໃຫ້ອອກໄປໃສ.", "restricted_movement",
     "ແມ່ບ້ານ ເລີກວຽກແລ້ວໄປໃສກໍໄດ້."),
    ("km", "ឈប់មុនកិច្ចសន្យា អត់បានលុយខែវិញទេ។", "resignation_penalty",
     "ឈប់មុនកិច្ចសន្យា ជូនដំណឹងមុន 15 ថ្ងៃ បានលុយខែគ្រប់។"),
    # Lexicons (big promises): the lure in chat words (passive income, เงินเข้าทุกวัน, ngồi chơi cũng có tiền,
    # ထိုင်နေရုံနဲ့ ငွေရ, အလုပ်ပေါ့ပါး ပိုက်ဆံများ, អង្គុយលេងក៏បានលុយ, ນັ່ງຫຼິ້ນກໍໄດ້ເງິນ).
    ("en", "Chat from home, passive income guaranteed.", "vague_promise",
     "Chat support from home, 12,000 baht a month, fixed hours."),
    ("th", "งานออนไลน์ เงินเข้าทุกวัน", "vague_promise",
     "งานออนไลน์ เงินเดือนเข้าทุกวันที่ 30"),
    ("vi", "Ngồi chơi cũng có tiền, lương nghìn đô.", "vague_promise",
     "Văn phòng Hà Nội, lương 12 triệu, làm giờ hành chính."),
    ("my", "ထိုင်နေရုံနဲ့ ငွေရမယ့် အလုပ်။", "vague_promise",
     "ရုံးထိုင် အလုပ်၊ လစာ ၃၅၀၀၀၀ ကျပ်။"),
    ("my", "အလုပ်ပေါ့ပါး ပိုက်ဆံများ။", "vague_promise",
     "အလုပ်ပေါ့ပါး၊ လစာ ၃၀၀၀၀၀ ကျပ်။"),
    ("km", "អង្គុយលេងក៏បានលុយ ការងារអនឡាញ។", "vague_promise",
     "ការងារអនឡាញ ប្រាក់ខែ 250 ដុល្លារ។"),
    ("lo", "ນັ່ງຫຼິ້ນກໍໄດ້ເງິນ ວຽກຜ່ານມືຖື.", "vague_promise",
     "ວຽກຜ່ານມືຖື ເງິນເດືອນ 3.000.000 ກີບ."),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", TUNER_13,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(TUNER_13)])
def test_tuner_13_classes_and_lexicons_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive,
                                                                                         indicator, honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest


BATCH_BS = [
    # A chat ID given beside coming in person: "or visit us at the shop", "apply via Telegram or office", "hoặc ra
    # xưởng gặp trực tiếp", "ຫຼື ມາຫາທີ່ຫ້ອງການ", and registering at the office "or" by chat (en, vi, lo): the chat as
    # the only way, with the pay or the details in it, is still held.
    ("en", "Message us on Telegram only; the pay and the address are given in the chat.", "off_platform",
     "Questions? Message the office on WhatsApp or visit us at the shop on River Road."),
    ("en", "Apply via Telegram only, the salary details are sent in the chat.", "off_platform",
     "Kitchen helpers wanted – apply via Telegram or office"),
    ("vi", "Nhắn Zalo 0908 111 222, mức lương chỉ báo qua Zalo.", "off_platform",
     "Nhắn Zalo chú Hòa 0908 111 222 hoặc ra xưởng gặp trực tiếp."),
    ("lo", "ສົ່ງຂໍ້ຄວາມທາງ WhatsApp ເທົ່ານັ້ນ ລາຍລະອຽດເງິນເດືອນທາງແຊັດ.", "off_platform",
     "ສົ່ງຂໍ້ຄວາມທາງ WhatsApp ຫຼື ມາຫາທີ່ຫ້ອງການ."),
    ("lo", "ລົງທະບຽນທາງ Telegram ເທົ່ານັ້ນ ລາຍລະອຽດທາງແຊັດ.", "off_platform",
     "ລົງທະບຽນທີ່ຫ້ອງການ ຫຼື ທາງ Telegram."),
    # A chat app given as the same contact as a phone call, written with "or": "โทรหา… 08x… หรือแอดไลน์เบอร์เดียวกัน",
    # "Telegram ឬ ទូរស័ព្ទ" (th, km; the slash form was already read so): a chat that is the only way, with the
    # details in it, is still held.
    ("th", "แอดไลน์ 08x-xxx-5521 เท่านั้น รายละเอียดเงินเดือนคุยในไลน์", "off_platform",
     "โทรหาพี่ต้อย 08x-xxx-5521 หรือแอดไลน์เบอร์เดียวกันก็ได้"),
    ("km", "ទាក់ទងតាម Telegram តែប៉ុណ្ណោះ ព័ត៌មានប្រាក់ខែប្រាប់ក្នុង Telegram។", "off_platform",
     "ទាក់ទង Telegram ឬ ទូរស័ព្ទ ០១២ xxx ៣៣៤។"),
    # Documents the worker keeps personally, "ကိုယ့်ဟာကိုယ် သိမ်း" (my): kept by the employer is still held.
    ("my", "ပတ်စပို့ နှင့် ပန်းရောင်ကတ် ကို အလုပ်ရှင်က သိမ်းထားမည်။", "documents_kept",
     "ပတ်စပို့ နှင့် ပန်းရောင်ကတ် ကိုယ့်ဟာကိုယ် သိမ်းထားပါ။"),
    # Khmer នាយក (a director, a head: នាយកសាលា, នាយកក្រុមហ៊ុន) read as យក (to take) beside a phone (km): a phone the
    # company keeps is still held, with its director named.
    ("km", "ទូរស័ព្ទរបស់កម្មករ នាយកក្រុមហ៊ុនរក្សាទុក ពេលធ្វើការ។", "restricted_movement",
     "ផ្ញើ CV មកការិយាល័យ ឬទូរស័ព្ទសួរនាយកក្រុមហ៊ុន។"),
    # A live-in maid or worker "living with the owner" (ແມ່ບ້ານ ຢູ່ນຳເຈົ້າຂອງ, ກິນນອນຢູ່ນຳ…) is no document left with the
    # owner (lo): a passport the owner keeps, in the same live-in ad, is still held.
    ("lo", "ແມ່ບ້ານ ຢູ່ນຳເຈົ້າຂອງ, ພາສປອດ ເຈົ້າຂອງເກັບໄວ້ຈົນໝົດສັນຍາ.", "documents_kept",
     "ແມ່ບ້ານ ກິນນອນຢູ່ນຳເຈົ້າຂອງເຮືອນ (ມີເອກະສານຄົບ)"),
    # Wages paid into the worker's own account (จ่ายเข้าบัญชีพนักงาน) after a space ("+ OT จ่ายเข้าบัญชี…") are no
    # payment by the worker (th; the form without the space was already read so): a service charge the worker pays
    # is still held.
    ("th", "ค่าแรงตามกฎหมาย ค่าธรรมเนียมบริการ 5,000 บาท ลูกจ้างต้องจ่ายเอง", "recruitment_fee",
     "ค่าแรงตามกฎหมาย + OT จ่ายเข้าบัญชีพนักงานทุกสิ้นเดือน\nนายจ้างรับผิดชอบค่าธรรมเนียมบริการ ค่าตรวจโรค ค่าวีซ่า"),
    # Not being let out of a plantation spelled ចំការ (as well as ចម្ការ) until the contract ends is restricted movement
    # (km; a miss): going out after work is not.
    ("km", "កម្មករមិនអាចចេញពីចំការបានទេ រហូតដល់ចប់កិច្ចសន្យា។", "restricted_movement",
     "កម្មករអាចចេញពីចំការបាន ក្រោយម៉ោងធ្វើការ។"),
    # The costs of a lawful scheme the worker pays at the state's rate and against a receipt, in more words: the rate
    # the ministry sets (អត្រាដែលក្រសួងកំណត់), paid straight to the state office (จ่ายให้หน่วยงานรัฐโดยตรง), a guarantee
    # deposit "theo quy định" (km, th, vi): the same costs paid to a broker, or without a receipt, are still held.
    ("km", "ថ្លៃសេវា ៨០០$ បង់ឱ្យភ្នាក់ងារមុនចេញដំណើរ គ្មានវិក្កយបត្រ។", "recruitment_fee",
     "ថ្លៃពិនិត្យសុខភាព និងថ្លៃសេវា បង់តាមអត្រាដែលក្រសួងការងារកំណត់ មានវិក្កយបត្រគ្រប់មុខ។"),
    ("th", "ค่าอบรมก่อนเดินทาง 45,000 บาท จ่ายให้สายนายหน้าก่อนบิน", "recruitment_fee",
     "ค่าสอบภาษาและค่าอบรมก่อนเดินทาง ผู้สมัครจ่ายให้หน่วยงานรัฐโดยตรง มีใบเสร็จทุกรายการ"),
    ("vi", "Nộp tiền ký quỹ 80 triệu cho công ty trước khi bay, không hoàn lại.", "recruitment_fee",
     "Người lao động nộp tiền ký quỹ theo quy định của nhà nước tại ngân hàng, có biên lai đầy đủ."),
    # The task scam's top-up in other spellings: "re-charge" (en), a Latin "top-up" or "recharge" in a Khmer text with
    # "បើកភារកិច្ច" (to open tasks) or a "Gold" level (km), a Lao "ຝາກ: amount" beside a VIP task (lo) (misses):
    # selling top-up cards in a phone shop, or a bank teller taking deposits, publishes.
    ("en", "After three free orders, re-charge 300 baht to unlock the premium tasks and earn 25% back.",
     "recruitment_fee", "Phone shop cashier: sell SIM cards and re-charge cards to customers. 11,000 baht a month."),
    ("km", "ក្រោយភារកិច្ចឥតគិតថ្លៃ ត្រូវ 'top-up' ១០$ ដើម្បីបើកភារកិច្ចថ្មី។", "recruitment_fee",
     "អ្នកលក់កាត top-up ទូរស័ព្ទ នៅហាង ប្រាក់ខែ ២២០$។"),
    ("km", "ឡើងកម្រិត Gold ត្រូវ recharge ២០$ ជាមុនសិន។", "recruitment_fee",
     "បុគ្គលិកលក់ និង recharge កាតទូរស័ព្ទ ប្រាក់ខែ ២០០$ បើកចុងខែ។"),
    ("lo", "ໜ້າວຽກ VIP ຝາກ: 300.000 ກີບ ກ່ອນຈຶ່ງເຮັດໄດ້", "recruitment_fee",
     "ພະນັກງານທະນາຄານ ຮັບຝາກເງິນ ແລະ ຖອນເງິນໃຫ້ລູກຄ້າ ເງິນເດືອນ 4.000.000 ກີບ"),
    # The rest of the wages the company "saves for you" (စုပေးထား) and pays only when years are complete (၃ နှစ်ပြည့်မှ)
    # (my; a miss; batch bq's class in Burmese): monthly pay with a bonus after three years publishes.
    ("my", "လစဉ် မုန့်ဖိုး ပေးပြီး ကျန်တဲ့ လစာကို စက်ရုံက စုပေးထားမည်၊ ၃ နှစ်ပြည့်မှ ထုတ်ပေးမည်။", "wages_withheld",
     "လစာကို လစဉ် ဘဏ်အကောင့်သို့ လွှဲပေးမည်၊ ၃ နှစ်ပြည့်မှ ဘောနပ် ထပ်ပေးမည်။"),
    # A chat app as the work's own tool for keeping in touch with customers (ទំនាក់ទំនងអតិថិជនតាម Telegram) (km): a
    # chat that is the only way to apply, with the pay in it, is still held.
    ("km", "ទាក់ទងតាម Telegram តែប៉ុណ្ណោះ ប្រាក់ខែប្រាប់ក្នុង Telegram។", "off_platform",
     "ការងារ៖ ទំនាក់ទំនងអតិថិជនតាម Telegram និង Facebook នៅការិយាល័យ។"),
    # The chat app's short name in Lao script, "ທັກ ເທເລ" (message on Tele), is a chat contact (lo; a miss): beside
    # coming to the shop it still publishes.
    ("lo", "ສົນໃຈວຽກ ທັກ ເທເລ ເທົ່ານັ້ນ ລາຍລະອຽດເງິນເດືອນບອກໃນແຊັດ", "off_platform",
     "ສົນໃຈວຽກ ທັກ ເທເລ ຫຼື ມາສະໝັກທີ່ຮ້ານ"),
    # A Burmese fee named for the file (ဖိုင်တွဲ အတွက်, ဖိုင်ခ) the worker pays is a recruitment fee (my; a miss): the
    # file's costs the company bears publish.
    ("my", "ဖိုင်တွဲ အတွက် ငွေ ကျပ် ၃၀ သိန်း ထွက်ခွာမီ ပေးရမည်။", "recruitment_fee",
     "ဖိုင်တွဲ အတွက် ကုန်ကျငွေ အားလုံး ကုမ္ပဏီက ကျခံသည်။"),
]


@pytest.mark.parametrize("language,deceptive,indicator,honest", BATCH_BS,
                         ids=[f"{lang}-{i}" for i, (lang, *_) in enumerate(BATCH_BS)])
def test_batch_bs_classes_hold_the_deceptive_wording_and_publish_the_honest_one(language, deceptive, indicator,
                                                                                honest):
    assert indicator in _found(deceptive), deceptive
    assert _found(honest) == set(), honest
