package demo

import "chainjudge/app/store"

// The demo's dossiers: one bid per applicant region, in every status the
// formal check knows. Enterprises, projects and figures are invented for
// the demonstration (the 统一社会信用代码 are made valid by their check
// character, not taken from real firms); regions and chains come from the
// reference data.

type demoBid struct {
	user   string   // the applicant account (its region is the core area)
	chain  string   // the chain's name in the reference data
	collab []string // collaborative areas
	status store.DossierStatus
	// figures are the stage's twelve indicator values in rubric order;
	// a draft may leave some out ("").
	figures []string
	ents    []demoEnterprise
	projs   []demoProject
	masks   []string // declared names to hide in blind review
	// reason is the office's (returned, rejected) or the applicant's
	// (withdrawn) reason.
	reason string
	// partial drafts fill only the first draftSections sections.
	partial       bool
	draftSections int
	// photo adds a PNG for the optional photo attachment.
	photo bool
}

type demoEnterprise struct{ name, role string }

type demoProject struct{ name, owner, investment, period string }

// chainWords are the chain-specific words of the generated narratives.
type chainWords struct {
	products, upstream, downstream, landmark, partners, strengths, gaps, target string
}

var demoChainWords = map[string]chainWords{
	"集成电路": {products: "芯片设计、晶圆制造、封装测试、专用材料和装备", upstream: "硅片、光刻胶、电子特气等材料",
		downstream: "汽车电子、工业控制和消费电子应用", landmark: "中国封测之都", partners: "东南大学、江南大学和中国科学院微电子研究所",
		strengths: "先进封装（系统级封装、晶圆级封装、2.5D/3D 集成）技术和产能规模国内领先", gaps: "高端光刻胶、大尺寸硅片和部分前道量测设备仍依赖进口",
		target: "建成国内一流、具有国际影响力的集成电路特色工艺和先进封测基地"},
	"车联网": {products: "车载通信模组、智能网联终端、车路协同路侧设备和出行服务平台", upstream: "传感器、车规级芯片和高精度定位",
		downstream: "智能网联汽车整车、智慧交通和出行服务", landmark: "国家级车联网先导区", partners: "东南大学、南京邮电大学和中国信息通信研究院",
		strengths: "车路协同规模化部署和测试验证能力全国领先", gaps: "车规级高端芯片、操作系统和高精度地图数据服务仍需补强",
		target: "建成全国领先的车联网产业集聚区和应用示范区"},
	"生物医药": {products: "创新药、生物制品、高端医疗器械和合同研发生产服务", upstream: "药用辅料、原料药和生物反应器耗材",
		downstream: "医疗机构、零售药房和国际市场", landmark: "中国医药城", partners: "中国药科大学、苏州大学和中国科学院上海药物研究所",
		strengths: "抗体药物、细胞和基因治疗研发管线数量位居全国前列", gaps: "高端培养基、层析填料和部分分析仪器依赖进口",
		target: "建成具有全球影响力的生物医药创新策源地和产业集聚区"},
	"起重机": {products: "汽车起重机、履带起重机、塔式起重机和关键零部件", upstream: "高强度钢材、液压件和电控系统",
		downstream: "能源、基建和海外工程市场", landmark: "中国工程机械之都", partners: "中国矿业大学、江苏师范大学和徐州工程学院",
		strengths: "千吨级以上履带起重机和全地面起重机整机技术国际领先", gaps: "高端液压泵阀、大功率发动机和部分控制芯片依赖进口",
		target: "建成世界级起重机械产业集群"},
	"高技术船舶": {products: "大型集装箱船、液化天然气运输船、海洋工程装备和船用配套设备", upstream: "船用钢板、动力系统和舾装件",
		downstream: "国际航运、海洋油气和海上风电", landmark: "江海联动船舶海工基地", partners: "江苏科技大学、南通大学和中国船舶集团第七〇二研究所",
		strengths: "大型液化气船、汽车运输船建造能力国内领先", gaps: "大功率低速柴油机、高端船用软件依赖进口",
		target: "建成全国领先的高技术船舶和海工装备制造基地"},
	"先进碳材料": {products: "碳纤维及复合材料、石墨烯材料和特种石墨", upstream: "丙烯腈原丝、沥青和高纯石墨原料",
		downstream: "航空航天、风电叶片、新能源汽车和储能", landmark: "石墨烯小镇", partners: "江南石墨烯研究院、常州大学和中国科学院宁波材料技术与工程研究所",
		strengths: "石墨烯薄膜和导热膜产业化规模全国领先", gaps: "高性能碳纤维原丝和部分关键装备依赖进口",
		target: "建成国内一流的先进碳材料创新和制造高地"},
	"水污染防治设备": {products: "污水处理成套装备、膜组件、环境监测仪器和运营服务", upstream: "泵阀、膜材料和仪器仪表",
		downstream: "市政污水、工业废水和流域治理", landmark: "环保产业名城", partners: "河海大学、盐城工学院和南京大学环境学院",
		strengths: "工业废水零排放成套装备和工程服务能力较强", gaps: "高端膜材料、在线监测传感器和核心控制软件依赖进口",
		target: "建成长三角重要的水污染防治装备制造基地"},
	"特高压设备": {products: "特高压电线电缆、变压器、开关设备和绝缘材料", upstream: "电工铜杆、铝材和绝缘料",
		downstream: "国家电网、南方电网和海外电力工程", landmark: "中国电缆之乡", partners: "东南大学电气工程学院、南京工程学院和国网江苏省电力有限公司",
		strengths: "超高压交直流电缆、海底电缆生产能力国内领先", gaps: "超净绝缘料、高端检测设备依赖进口",
		target: "建成全国重要的特高压输变电装备制造基地"},
	"轨道交通装备": {products: "城轨车辆、牵引传动系统、信号系统和关键零部件", upstream: "铝合金型材、功率器件和轴承",
		downstream: "城市轨道交通、干线铁路和海外市场", landmark: "轨道交通装备产业基地", partners: "南京理工大学、南京工程学院和中国中车研究院",
		strengths: "城轨车辆整车集成和牵引系统国产化能力较强", gaps: "高端轴承、车规级功率器件依赖进口",
		target: "建成长三角重要的轨道交通装备产业集群"},
	"“大数据+”": {products: "数据中心、云计算平台、工业互联网和数据服务", upstream: "服务器、存储设备和网络设备",
		downstream: "智能制造、智慧城市和金融服务", landmark: "数字经济示范区", partners: "南京大学、苏州大学和江苏省产业技术研究院",
		strengths: "工业互联网平台应用和数据标注服务规模较大", gaps: "高端服务器芯片和基础软件依赖外部",
		target: "建成长三角重要的大数据产业集聚区"},
}

var demoBids = []demoBid{
	{user: "jiangyin", chain: "集成电路", collab: []string{"宜兴市", "江阴高新技术产业开发区"}, status: store.DossierPassed,
		figures: []string{"2650", "12.4", "3.8", "386", "4", "27", "6", "3.6", "42", "58", "88", "72"},
		ents: []demoEnterprise{{"江苏澄芯微电子股份有限公司", "先进封装测试，系统级封装"}, {"江阴华晶半导体材料有限公司", "电子特气和湿化学品"},
			{"宜兴恒途精密装备有限公司", "封装测试设备"}, {"江苏长江芯源科技有限公司", "功率器件晶圆制造"}},
		projs: []demoProject{{"晶圆级先进封装扩产项目", "江苏澄芯微电子股份有限公司", "85", "2025—2027"},
			{"高纯电子特气二期项目", "江阴华晶半导体材料有限公司", "18.5", "2025—2026"},
			{"封测装备产业化基地", "宜兴恒途精密装备有限公司", "12", "2024—2026"},
			{"车规级功率器件生产线", "江苏长江芯源科技有限公司", "46", "2025—2028"},
			{"集成电路公共测试服务平台", "江阴高新区集成电路产业发展中心", "3.2", "2025—2026"}},
		masks: []string{"澄芯", "华晶", "恒途", "长江芯源", "澄江"}, photo: true},
	{user: "wuxi", chain: "车联网", collab: []string{"江阴市", "新吴区", "锡山区"}, status: store.DossierSubmitted,
		figures: []string{"1280", "18.6", "2.7", "214", "2", "19", "3", "4.2", "36", "52", "81", "76"},
		ents: []demoEnterprise{{"无锡智联通行科技股份有限公司", "车路协同路侧设备"}, {"江苏锡联车载电子有限公司", "车载通信模组"},
			{"无锡云途出行服务有限公司", "出行服务平台"}},
		projs: []demoProject{{"车路协同全域覆盖工程", "无锡智联通行科技股份有限公司", "26", "2025—2027"},
			{"5G 车载通信模组产线", "江苏锡联车载电子有限公司", "15", "2025—2026"},
			{"智能网联汽车测试场二期", "无锡云途出行服务有限公司", "8.6", "2024—2026"},
			{"车规级毫米波雷达项目", "江苏锡联车载电子有限公司", "11", "2025—2027"},
			{"城市级车联网运营平台", "无锡云途出行服务有限公司", "4.5", "2025—2026"}},
		masks: []string{"智联通行", "锡联", "云途"}},
	{user: "sip", chain: "生物医药", collab: []string{"昆山市", "苏州高新技术产业开发区"}, status: store.DossierPassed,
		figures: []string{"1860", "21.3", "3.2", "268", "3", "31", "4", "8.7", "58", "46", "84", "69"},
		ents: []demoEnterprise{{"苏州园康生物制药股份有限公司", "抗体药物研发和生产"}, {"苏州启明基因治疗有限公司", "细胞和基因治疗"},
			{"昆山恒安医疗器械有限公司", "高端医用耗材"}, {"苏州博济药业有限公司", "合同研发生产服务"}},
		projs: []demoProject{{"抗体药物产业化基地", "苏州园康生物制药股份有限公司", "32", "2025—2027"},
			{"细胞治疗 GMP 生产中心", "苏州启明基因治疗有限公司", "9.8", "2025—2026"},
			{"高端医用耗材智能工厂", "昆山恒安医疗器械有限公司", "7.5", "2024—2026"},
			{"合同研发生产平台扩建", "苏州博济药业有限公司", "14", "2025—2027"},
			{"生物医药公共技术服务平台", "苏州工业园区生物产业发展有限公司", "5.6", "2025—2026"}},
		masks: []string{"园康", "启明", "恒安", "博济", "星湖"}, photo: true},
	{user: "nanjing", chain: "集成电路", collab: []string{"江宁区", "浦口区"}, status: store.DossierReturned,
		figures: []string{"1420", "15.8", "2.1", "196", "2", "22", "3", "5.1", "47", "41", "76", "68"},
		ents: []demoEnterprise{{"南京宁芯集成电路有限公司", "特色工艺晶圆制造"}, {"南京江北芯谷设计有限公司", "射频芯片设计"},
			{"南京浦江半导体设备有限公司", "刻蚀设备零部件"}},
		projs: []demoProject{{"12 英寸特色工艺生产线", "南京宁芯集成电路有限公司", "120", "2025—2028"},
			{"射频芯片研发中心", "南京江北芯谷设计有限公司", "6.5", "2025—2026"},
			{"半导体设备零部件基地", "南京浦江半导体设备有限公司", "9", "2024—2026"},
			{"集成电路设计公共平台", "南京江北新区集成电路产业服务中心", "2.8", "2025—2026"},
			{"化合物半导体中试线", "南京宁芯集成电路有限公司", "16", "2025—2027"}},
		masks:  []string{"宁芯", "江北芯谷", "浦江半导体"},
		reason: "1. 统计部门出具的主要指标数据证明未加盖公章，请补充盖章扫描件；2. “核心区与协同区分工协作”未写明浦口区的分工定位，请补充。"},
	{user: "changzhou", chain: "先进碳材料", collab: []string{"武进区", "金坛区", "常州高新技术产业开发区"}, status: store.DossierSubmitted,
		figures: []string{"620", "16.2", "4.6", "132", "1", "14", "2", "3.9", "28", "62", "79", "71"},
		ents: []demoEnterprise{{"常州碳源新材料股份有限公司", "碳纤维及复合材料"}, {"江苏烯望科技有限公司", "石墨烯导热膜"},
			{"常州金坛石墨制品有限公司", "特种石墨"}},
		projs: []demoProject{{"高性能碳纤维扩产项目", "常州碳源新材料股份有限公司", "28", "2025—2027"},
			{"石墨烯导热膜产业化二期", "江苏烯望科技有限公司", "9.2", "2025—2026"},
			{"等静压石墨生产线", "常州金坛石墨制品有限公司", "6.8", "2024—2026"},
			{"碳材料中试基地", "常州石墨烯科技产业园管理中心", "3.5", "2025—2026"},
			{"风电叶片复合材料项目", "常州碳源新材料股份有限公司", "12", "2025—2027"}},
		masks: []string{"碳源", "烯望", "西太湖"}},
	{user: "xuzhou", chain: "起重机", collab: []string{"铜山区", "邳州市", "徐州经济技术开发区"}, status: store.DossierPassed,
		figures: []string{"1150", "9.6", "5.2", "158", "2", "12", "5", "3.2", "31", "71", "92", "78"},
		ents: []demoEnterprise{{"徐州重工起重机械股份有限公司", "全地面和履带起重机"}, {"江苏彭城液压科技有限公司", "液压油缸和阀组"},
			{"徐州汉源回转支承有限公司", "回转支承"}},
		projs: []demoProject{{"超大吨位起重机智能工厂", "徐州重工起重机械股份有限公司", "35", "2025—2027"},
			{"高端液压件产业化项目", "江苏彭城液压科技有限公司", "12.5", "2025—2026"},
			{"回转支承扩能项目", "徐州汉源回转支承有限公司", "5.8", "2024—2026"},
			{"起重机再制造中心", "徐州重工起重机械股份有限公司", "4.2", "2025—2026"},
			{"工程机械检测认证平台", "徐州工程机械产业研究院", "2.6", "2025—2026"}},
		masks: []string{"徐重", "彭城液压", "汉源"}, photo: true},
	{user: "nantong", chain: "高技术船舶", collab: []string{"海门区", "如东县"}, status: store.DossierPassed,
		figures: []string{"980", "11.2", "6.1", "174", "2", "9", "2", "3.1", "26", "55", "83", "64"},
		ents: []demoEnterprise{{"南通江海重工股份有限公司", "大型集装箱船和汽车运输船"}, {"海门洋海装备有限公司", "海洋工程装备"},
			{"南通启航船舶配套有限公司", "船用舾装件"}},
		projs: []demoProject{{"大型液化气船建造基地", "南通江海重工股份有限公司", "42", "2025—2028"},
			{"海上风电安装平台项目", "海门洋海装备有限公司", "18", "2025—2027"},
			{"船舶配套产业园", "南通启航船舶配套有限公司", "7.2", "2024—2026"},
			{"船舶数字化设计中心", "南通江海重工股份有限公司", "2.4", "2025—2026"},
			{"绿色船舶动力试验平台", "南通船舶与海工产业研究院", "3.8", "2025—2027"}},
		masks: []string{"江海重工", "洋海", "启航"}},
	{user: "taizhou", chain: "生物医药", collab: []string{"泰兴市", "泰州医药高新技术产业开发区", "苏州工业园区"}, status: store.DossierSubmitted,
		figures: []string{"1020", "14.5", "3.4", "205", "2", "16", "2", "6.3", "39", "49", "80", "66"},
		ents: []demoEnterprise{{"泰州康城生物医药股份有限公司", "疫苗和生物制品"}, {"江苏济川药业科技有限公司", "中药和化学药"},
			{"泰兴华康原料药有限公司", "原料药"}},
		projs: []demoProject{{"新型疫苗产业化项目", "泰州康城生物医药股份有限公司", "24", "2025—2027"},
			{"中药配方颗粒智能工厂", "江苏济川药业科技有限公司", "11", "2025—2026"},
			{"绿色原料药基地", "泰兴华康原料药有限公司", "8.4", "2024—2026"},
			{"药物临床试验服务中心", "泰州医药城临床研究中心", "3.1", "2025—2026"},
			{"生物药 CDMO 平台", "泰州康城生物医药股份有限公司", "15", "2025—2027"}},
		masks: []string{"康城", "济川", "华康"}},
	{user: "yancheng", chain: "水污染防治设备", collab: []string{"大丰区", "东台市"}, status: store.DossierRejected,
		figures: []string{"210", "7.4", "1.6", "88", "0", "5", "1", "2.6", "14", "44", "68", "58"},
		ents: []demoEnterprise{{"盐城清源环保装备股份有限公司", "污水处理成套装备"}, {"江苏海盐膜科技有限公司", "膜组件"},
			{"东台蓝湾环境工程有限公司", "工程运营服务"}},
		projs: []demoProject{{"环保装备智能制造基地", "盐城清源环保装备股份有限公司", "9.5", "2025—2027"},
			{"反渗透膜产线", "江苏海盐膜科技有限公司", "6", "2025—2026"},
			{"流域治理运营中心", "东台蓝湾环境工程有限公司", "2.2", "2025—2026"},
			{"环境监测仪器项目", "盐城清源环保装备股份有限公司", "3.4", "2025—2027"},
			{"环保装备检测平台", "盐城环保科技城管理中心", "1.8", "2025—2026"}},
		masks:  []string{"清源", "海盐膜", "蓝湾"},
		reason: "经核查，核心区一家主导产业企业 2024 年发生较大生产安全事故，与申报材料所附承诺书不符；依据竞赛申报通知，不予受理。"},
	{user: "kunshan", chain: "“大数据+”", collab: []string{"苏州工业园区"}, status: store.DossierWithdrawn,
		figures: []string{"460", "19.8", "1.9", "96", "1", "8", "1", "4.8", "17", "38", "70", "74"},
		ents: []demoEnterprise{{"昆山数智云科技有限公司", "数据中心和云服务"}, {"江苏玉峰工业互联网有限公司", "工业互联网平台"},
			{"昆山鹿城数据服务有限公司", "数据标注和治理"}},
		projs: []demoProject{{"算力中心二期", "昆山数智云科技有限公司", "22", "2025—2027"},
			{"工业互联网标识解析节点", "江苏玉峰工业互联网有限公司", "3.5", "2025—2026"},
			{"数据要素服务基地", "昆山鹿城数据服务有限公司", "2.8", "2025—2026"},
			{"智能制造数据平台", "江苏玉峰工业互联网有限公司", "4.6", "2025—2027"},
			{"数据安全实验室", "昆山数智云科技有限公司", "1.5", "2025—2026"}},
		masks:  []string{"数智云", "玉峰", "鹿城"},
		reason: "与苏州工业园区协商，本地区改为参与其他产业链的协同申报，撤回本申报。"},
	{user: "yixing", chain: "特高压设备", collab: []string{"溧阳市"}, status: store.DossierDraft,
		figures: []string{"890", "8.9", "4.4", "142", "2", "11", "3", "2.9", "24", "63", "74", "66"},
		ents:    []demoEnterprise{{"宜兴远东电缆股份有限公司", "超高压电缆和海底电缆"}, {"江苏荆溪电气设备有限公司", ""}},
		projs:   []demoProject{{"超高压电缆扩产项目", "宜兴远东电缆股份有限公司", "16", "2025—2027"}},
		partial: true, draftSections: 2},
	{user: "jiangning", chain: "轨道交通装备", collab: nil, status: store.DossierDraft,
		figures: []string{"540", "", "", "", "", "", "", "", "", "", "", ""},
		partial: true},
}
